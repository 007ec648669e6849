"""An Open311 error: answered in the spec's shape with its HTTP status."""


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description
