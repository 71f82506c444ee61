"""The marketplace's admin screens, kept by each room (Django loads this module)."""

from exchange.marketplace.catalogue import admin as catalogue_admin
from exchange.marketplace.procurement import admin as procurement_admin

__all__ = ["catalogue_admin", "procurement_admin"]
