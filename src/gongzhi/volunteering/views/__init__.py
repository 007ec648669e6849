"""Pages of the volunteering app: public, for residents, for leaders and for staff."""
