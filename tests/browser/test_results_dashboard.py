from playwright.sync_api import expect

from exchange.analysis.tasks import protection_prepare
from exchange.demo.services import DEMO_PASSWORD, demo_load
from exchange.surveys.models import Wave

from .conftest import axe_violations


def _demo():
    """The demo as `load_demo` leaves it: the closed confidential wave's disclosure decision worked out ahead of the
    first visit (its audit takes tens of seconds, longer than a page may take)."""
    demo_load()
    protection_prepare.call(wave_id=Wave.objects.get(series__title="Appraisal of NHS England", label="2013").pk)


def _sign_in_as_the_analyst(page):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("analyst@demo.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_the_results_dashboard_has_no_violations_and_its_controls_work(page, transactional_db):
    _demo()
    _sign_in_as_the_analyst(page)
    page.goto("/results/appraisal-of-nhs-england/2013/")
    expect(page.get_by_role("heading", name="Results", exact=True)).to_be_visible()
    expect(page.locator("main")).to_contain_text("33.3% of respondents (88 of 264) agreed")
    assert axe_violations(page) == []
    page.get_by_label("Break down by").select_option("region")
    page.get_by_role("button", name="Update results").click()
    expect(page.locator("#q-support_development table")).to_contain_text("North of England")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_the_dashboard_and_a_question_page_fit_a_phone_and_a_desktop_with_a_chart_legend(page, transactional_db):
    _demo()
    _sign_in_as_the_analyst(page)
    overflow = """() => {
        const width = document.documentElement.clientWidth;
        const outside = [...document.querySelectorAll('main *')].filter(element => {
            if (element.closest('.exchange-table-scroll, svg')) return false;  // scroll inside their own box
            const box = element.getBoundingClientRect();
            return box.width > 0 && (box.right > width + 1 || box.left < -1);
        });
        const shown = outside.slice(0, 5).map(e => e.outerHTML.slice(0, 120));
        return {page: document.documentElement.scrollWidth - width, outside: shown};
    }"""
    for width, height in [(320, 640), (390, 844), (1280, 800)]:
        page.set_viewport_size({"width": width, "height": height})
        for path in [
            "/results/appraisal-of-nhs-england/2013/",
            "/results/appraisal-of-nhs-england/2013/questions/behaviours/?by=region",
        ]:
            page.goto(path)
            expect(page.locator(".exchange-chart-legend").first).to_be_attached()
            # The chart shown is drawn at a size people can read: its smallest text at least 11 px tall on screen.
            smallest = page.evaluate(
                """() => Math.min(...[...document.querySelectorAll('svg.exchange-chart text')]
                    .map(text => text.getBoundingClientRect().height).filter(height => height > 0))"""
            )
            assert smallest >= 11, (width, path, smallest)
            measured = page.evaluate(overflow)
            assert measured == {"page": 0, "outside": []}, (width, path, measured)
            assert axe_violations(page) == [], (width, path)
    assert page.console_errors == []
