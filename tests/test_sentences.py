"""Numbered sentences carry exact offsets into the source."""

from extractor.sentences import numbered, split_sentences

TEXT = (
    "U.S. forces struck two sites near Al-Qaim on Sunday. The Pentagon said Kata'ib Hezbollah used them.\n\n"
    'Four fighters were killed, according to a monitor. "We will respond," a militia spokesman said.\n'
    "Tags: Iraq"
)


def test_offsets_are_exact_and_ids_consecutive() -> None:
    sentences = split_sentences(TEXT)
    assert [s.id for s in sentences] == list(range(1, len(sentences) + 1))
    for sentence in sentences:
        assert TEXT[sentence.start : sentence.end] == sentence.text


def test_abbreviations_do_not_split_and_lines_do() -> None:
    texts = [s.text for s in split_sentences(TEXT)]
    assert texts[0] == "U.S. forces struck two sites near Al-Qaim on Sunday."
    assert texts[-1] == "Tags: Iraq"
    assert len(texts) == 5


def test_numbered_rendering() -> None:
    assert numbered(split_sentences("One here. Two here.")) == "[1] One here.\n[2] Two here."


def test_model_sees_curly_quotes_but_offsets_keep_the_source() -> None:
    text = 'The Pentagon said the strike was "proportionate" and "necessary."'
    sentences = split_sentences(text)
    assert numbered(sentences) == "[1] The Pentagon said the strike was “proportionate” and “necessary.”"
    assert text[sentences[0].start : sentences[0].end] == text
