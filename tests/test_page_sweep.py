"""The judge of screenshots (``page_sweep.ink``), on images drawn by hand: the browser
sweep's screenshot check is only as good as this measure."""

from __future__ import annotations

import io

from page_sweep import ink


def _png(size: tuple[int, int], background: str, blocks: list[tuple[tuple[int, int, int, int], str]]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    for box, colour in blocks:
        draw.rectangle(box, fill=colour)   # box corners inclusive
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_blank_image_has_no_ink_and_one_in_the_page_colour_neither():
    assert ink(_png((40, 80), "white", []), [0, 0, 40, 80]) == (0.0, 0.0, 0)
    # A page all in one colour other than white is just as blank.
    assert ink(_png((40, 80), "#1e3a8a", []), None) == (0.0, 0.0, 0)


def test_ink_is_the_share_unlike_the_background_and_its_rows_within_the_box():
    # 40 × 80 white; a 10 × 4 black block (rows 10–13) inside the box x 0–19, y 0–39.
    png = _png((40, 80), "white", [((5, 10, 14, 13), "black")])
    whole, article, rows = ink(png, [0, 0, 20, 40])
    assert whole == 40 / (40 * 80)
    assert article == 40 / (20 * 40) and rows == 4
    # The same block outside the box: the box is blank.
    assert ink(png, [20, 40, 20, 40])[1:] == (0.0, 0)


def test_anti_aliasing_noise_is_not_ink():
    # A pixel off white by a few steps (a smoothing edge) does not count; grey text does.
    png = _png((20, 20), "white", [((0, 0, 19, 1), "#f4f4f4"), ((0, 5, 19, 6), "#888888")])
    whole, _, _ = ink(png, None)
    assert whole == 40 / 400


def test_an_article_on_a_background_of_its_own_is_measured_against_that_one():
    # 40 × 80 white; the box x 0–19, y 0–39 navy, and in it a 10 × 4 white block (rows 10–13).
    png = _png((40, 80), "white", [((0, 0, 19, 39), "#1e3a8a"), ((5, 10, 14, 13), "white")])
    whole, article, rows = ink(png, [0, 0, 20, 40])
    assert whole == (20 * 40 - 40) / (40 * 80)   # against the page's white, the navy box is ink
    assert article == 40 / (20 * 40) and rows == 4   # against the box's navy, only the block is
