"""What a user typed reaches Word whole, minus the characters XML cannot hold."""

from roundtable.outcome.sanitize import clean, is_right_to_left


def test_forbidden_characters_are_removed():
    assert clean("a\x00b\x01c\x08d\x0be\x0cf\x1fg\x7fh\x85i\x9fj") == "abcdefghij"
    assert clean("lone \ud800 and \udfff surrogates") == "lone  and  surrogates"
    assert clean("non\ufffe-char\uffff") == "non-char"
    assert clean(None) == ""


def test_everything_printable_is_kept():
    for text in ["tab\tline\nreturn\r", "Қазақстан әғқңөұүһі", "Представитель Казахстана",
                 "مرحبا بالعالم", "שלום", "🎉👍🏽🇰🇿", "\u00a0non-breaking\u2009thin", "x" * 50_000]:
        assert clean(text) == text


def test_clean_is_idempotent():
    text = "a\x00\ud800b"
    assert clean(clean(text)) == clean(text) == "ab"


def test_direction_follows_the_first_strong_letter():
    assert is_right_to_left("مرحبا Hello")
    assert is_right_to_left("2014 — שלום")
    assert not is_right_to_left("Hello مرحبا")
    assert not is_right_to_left("12345")
