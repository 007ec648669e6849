"""The legal documents: their wording (in Chinese, as issued) and their PDF rendering."""
