import pytest

from gongzhi.org.choices import Level
from gongzhi.org.services import node_create
from tests.conftest import square

# All coordinates below are exact binary fractions, so edges that look shared are shared.


@pytest.fixture
def exact_tree(db):
    """A district with two streets sharing an edge, one community and four grids meeting
    at one vertex, and a building inside the second grid."""

    def add(parent, level, code, box):
        return node_create(parent=parent, level=level, name=code, code=code, boundary=square(*box))

    nodes = {"D": add(None, Level.DISTRICT, "D", (120, 32, 1))}
    nodes["S1"] = add(nodes["D"], Level.STREET, "S1", (120, 32, 0.5))
    nodes["S2"] = add(nodes["D"], Level.STREET, "S2", (120.5, 32, 0.5))
    nodes["C1"] = add(nodes["S1"], Level.COMMUNITY, "C1", (120, 32, 0.25))
    for code, box in [
        ("G1", (120, 32, 0.125)),
        ("G2", (120.125, 32, 0.125)),
        ("G3", (120, 32.125, 0.125)),
        ("G4", (120.125, 32.125, 0.125)),
    ]:
        nodes[code] = add(nodes["C1"], Level.GRID, code, box)
    nodes["B1"] = add(nodes["G2"], Level.BUILDING, "B1", (120.1875, 32.0625, 0.03125))
    return nodes
