from .memberships import Invitation, Membership, MembershipRole, Role
from .users import User

__all__ = ["Invitation", "Membership", "MembershipRole", "Role", "User"]
