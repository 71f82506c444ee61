"""The marketplace's admin screens, kept by each room (Django loads this module)."""

from exchange.marketplace.catalogue import admin as catalogue_admin

__all__ = ["catalogue_admin"]
