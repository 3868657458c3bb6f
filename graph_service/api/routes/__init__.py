"""One router per plural resource."""
