"""The compare page says plainly which offerings do not serve the viewer's region."""


def test_a_commissioner_is_told_which_compared_offerings_do_not_serve_its_region(client, world):
    north = world.offering(title="Northern BI")
    london = world.offering(world.theirs, title="London BI", regions=[world.london])
    client.force_login(world.lead)  # NHS Blackpool, in the North of England
    body = client.get("/marketplace/compare/", {"o": [london.pk, north.pk]}).content.decode()
    assert "Not all of these serve North of England" in body
    assert "London BI does not say it serves North of England" in body
    assert body.count("Does not serve North of England") == 1


def test_nobody_is_warned_when_every_offering_serves_the_region_or_the_viewer_has_none(client, world):
    first, second = world.offering(title="One"), world.offering(title="Two")
    client.force_login(world.lead)
    assert "Does not serve" not in client.get("/marketplace/compare/", {"o": [first.pk, second.pk]}).content.decode()
    client.logout()
    london = world.offering(title="Three", regions=[world.london])
    assert "Does not serve" not in client.get("/marketplace/compare/", {"o": [first.pk, london.pk]}).content.decode()


def test_an_id_too_large_for_the_database_is_ignored_not_a_server_error(client, world):
    offering = world.offering(title="Real")
    response = client.get("/marketplace/compare/", {"o": ["99999999999999999999", offering.pk]})
    assert response.status_code == 200


def test_digits_of_other_scripts_and_signs_are_no_offering_ids_not_a_server_error(client, world):
    offering = world.offering(title="Real")
    response = client.get("/marketplace/compare/", {"o": ["²", "٣", "-1", "1e3", offering.pk]})
    assert response.status_code == 200
    assert [o.title for o in response.context["offerings"]] == ["Real"]
