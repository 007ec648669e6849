from django.urls import include, path

from gongzhi.org.views import audit, nodes, people, roles

app_name = "org"

urlpatterns = [
    path("", nodes.node_browser, name="browser"),
    path("nodes/<str:code>/", nodes.node_detail, name="node_detail"),
    path("nodes/<str:code>/tree/", nodes.node_tree, name="node_tree"),
    path("nodes/<str:code>/audit/", audit.node_audit, name="node_audit"),
    path("audit/", audit.audit_list, name="audit"),
    path(
        "nodes/<str:code>/children.geojson",
        nodes.node_children_geojson,
        name="node_children_geojson",
    ),
    path("nodes/<str:code>/people/", nodes.node_people, name="node_people"),
    path("nodes/<str:code>/households/", nodes.node_households, name="node_households"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("households/<int:pk>/", people.household_detail, name="household_detail"),
    path("roles/", roles.role_list, name="roles"),
    path("roles/add/", roles.role_add, name="role_add"),
    path("roles/<int:pk>/revoke/", roles.role_revoke, name="role_revoke"),
    path("", include("gongzhi.org.io.urls")),
]
