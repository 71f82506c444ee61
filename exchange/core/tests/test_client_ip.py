"""The client's address: REMOTE_ADDR, unless that is a trusted proxy; then the right-most address of X-Forwarded-For
that is not one. Whatever a client writes in the header itself is never believed."""

import pytest
from django.test import RequestFactory

from exchange.core.client_ip import client_ip, client_network, network_of

PROXY = "10.0.0.5"


def request_from(remote_addr: str | None, forwarded_for: str | None = None):
    meta = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = RequestFactory().get("/", **meta)
    if remote_addr is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = remote_addr
    return request


@pytest.fixture
def behind_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8:feed::/48"]


def test_without_trusted_proxies_the_client_is_remote_addr_whatever_the_header_says(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_forged_header_from_a_client_that_is_not_a_trusted_proxy_is_ignored(behind_proxies):
    assert client_ip(request_from("198.51.100.7", "203.0.113.9, 10.0.0.5")) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_appended(behind_proxies):
    assert client_ip(request_from(PROXY, "203.0.113.9")) == "203.0.113.9"


def test_addresses_the_client_wrote_left_of_the_proxys_entry_are_not_believed(behind_proxies):
    assert client_ip(request_from(PROXY, "192.0.2.1, 192.0.2.2, 203.0.113.9")) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(behind_proxies):
    assert client_ip(request_from(PROXY, "192.0.2.1, 203.0.113.9, 10.0.0.7, 10.0.0.8")) == "203.0.113.9"


def test_garbage_in_the_header_gives_the_proxys_address_not_a_guess(behind_proxies):
    assert client_ip(request_from(PROXY, "not-an-address")) == PROXY
    assert client_ip(request_from(PROXY, "203.0.113.9, <script>, 10.0.0.7")) == PROXY


def test_a_trusted_proxy_without_the_header_is_the_client(behind_proxies):
    assert client_ip(request_from(PROXY)) == PROXY
    assert client_ip(request_from(PROXY, "")) == PROXY


def test_only_trusted_hops_give_the_nearest_proxy(behind_proxies):
    assert client_ip(request_from(PROXY, "10.0.0.9, 10.0.0.8")) == PROXY


def test_ipv6_proxies_and_clients_are_read(behind_proxies):
    assert client_ip(request_from("2001:db8:feed::1", "2001:db8:1::77")) == "2001:db8:1::77"


def test_one_client_counts_as_one_with_a_port_or_mapped_into_ipv6(behind_proxies):
    assert client_ip(request_from(PROXY, "203.0.113.9:51000")) == "203.0.113.9"
    assert client_ip(request_from(PROXY, "::ffff:203.0.113.9")) == "203.0.113.9"
    assert client_ip(request_from("::ffff:198.51.100.7")) == "198.51.100.7"


def test_a_network_next_to_a_trusted_one_is_not_trusted(behind_proxies):
    assert client_ip(request_from("10.0.1.5", "203.0.113.9")) == "10.0.1.5"


def test_no_or_a_broken_remote_addr_is_no_address():
    assert client_ip(request_from(None)) is None
    assert client_ip(request_from("unix-socket")) is None


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2::7", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        (None, None),
        ("not-an-address", None),
    ],
)
def test_the_rate_limits_count_an_ipv6_address_by_its_slash_64_and_ipv4_by_itself(address, counted_as):
    assert network_of(address) == counted_as


def test_behind_a_proxy_the_network_is_the_forwarded_clients_and_the_log_keeps_the_whole_address(behind_proxies):
    request = request_from(PROXY, "2001:db8:1:2::7")
    assert (client_ip(request), client_network(request)) == ("2001:db8:1:2::7", "2001:db8:1:2::/64")


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("[2001:db8::7]:51000", "2001:db8::7"),
        ("[2001:db8::7]", "2001:db8::7"),
        ("2001:db8::7", "2001:db8::7"),
        ("203.0.113.7:51000", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("203.0.113.7,", "203.0.113.7"),
        ("203.0.113.7, ,", "203.0.113.7"),
        ("192.0.2.1,,203.0.113.7", "203.0.113.7"),
        ("[2001:db8::7]:port", PROXY),
        ("[2001:db8::7", PROXY),
        ("[203.0.113.7]x", PROXY),
    ],
)
def test_the_forms_of_an_address_a_balancer_writes_give_the_client_and_malformed_ones_the_proxy(
    behind_proxies, forwarded, client
):
    assert client_ip(request_from(PROXY, forwarded)) == client
