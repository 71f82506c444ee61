"""Loading the demo: the registry, people, catalogue, procurements and survey waves, through each app's services."""

from .loader import DEMO_PASSWORD, demo_load

__all__ = ["DEMO_PASSWORD", "demo_load"]
