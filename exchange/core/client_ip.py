"""The address of the client, in one place: for the lock-out (django-axes' AXES_CLIENT_IP_CALLABLE), the rate
limits and the audit log. `client_ip` is the address itself (for the audit log); `client_network` what the per-address
rate limits count: the address for IPv4, its /64 for IPv6, since one subscriber, one phone, one cloud machine holds a
whole /64 and picks any address in it at will.

REMOTE_ADDR is the client unless it is one of the proxies named in TRUSTED_PROXIES (addresses or networks). Then the
client is the right-most address of X-Forwarded-For that is not itself a trusted proxy: each trusted proxy appends
the address it received the request from, so the entries to the left of that one were written by the client and
prove nothing. Empty entries are skipped; an entry that is not an IP address (a proxy misconfigured, a header forged
through a trusted hop) gives REMOTE_ADDR back, never a guess.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _address(text: str | None) -> Address | None:
    """An IP address, or None. IPv4 with a port (`192.0.2.7:51000`) and IPv6 in brackets with or without one
    (`[2001:db8::7]:51000`), as some load balancers write them, and IPv4 mapped into IPv6 are read as the plain
    address, so that one client counts as one."""
    text = (text or "").strip()
    if text.startswith("["):
        host, bracket, port = text[1:].partition("]")
        if not bracket or (port and not (port.startswith(":") and port[1:].isdigit())):
            return None
        text = host
    elif text.count(":") == 1:  # 192.0.2.7:51000; IPv6 has at least two colons
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_ip(request: HttpRequest) -> str | None:
    remote = _address(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return None
    proxies = _networks(tuple(settings.TRUSTED_PROXIES))
    if not any(remote in network for network in proxies):
        return str(remote)
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if not entry.strip():  # `203.0.113.7,` or `a,,b`: an empty entry says nothing
            continue
        address = _address(entry)
        if address is None:
            return str(remote)
        if not any(address in network for network in proxies):
            return str(address)
    return str(remote)  # every hop was a trusted proxy: the nearest one is all we know


IPV6_PREFIX = 64


def network_of(address: str | None) -> str | None:
    """What the per-address limits count for `address` (as `client_ip` gives it): an IPv4 address itself, an IPv6
    address's /64 (written `2001:db8:1:2::/64`)."""
    parsed = _address(address)
    if parsed is None:
        return None
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_PREFIX), strict=False))
    return str(parsed)


def client_network(request: HttpRequest) -> str | None:
    """The client's address as the per-address rate limits count it (`network_of`)."""
    return network_of(client_ip(request))
