"""A table row naming the asked month in a field ("Month: February"), which the reader of dates takes for no date,
meets a question asking of that month as a dated sentence does: a sentence elsewhere dated 14 February no longer
goes first and the question is answered from the row."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering import answer_question
from tests.support import indexed

LOANS = (
    "Branch,Month,Loans,Visitors\nCentral,January,4120,9800\nCentral,February,3890,9120\n"
    "Northgate,January,1270,3300\nNorthgate,February,1999,3510\n"
)
REPORT = (
    "Annual report\n\nThe auditors, Pemberton & Vale LLP, signed the accounts on 14 February 2026 without"
    " qualification.\n\nThe committee refused the application on 4 February 2026 because the road was too narrow.\n"
)


def test_a_row_naming_the_asked_month_answers_a_question_of_that_month(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    retriever = indexed(tmp_path, {"library-loans.csv": LOANS, "report.txt": REPORT}, real_embedder)
    try:
        answer = answer_question(retriever, "How many loans did Northgate make in February?")
    finally:
        retriever.close()
    assert answer.found and "1999" in answer.citations[0].quote, answer.text


YEARS = (
    "Branch,Year,Month,Loans\nNorthgate,2024,February,1999\nNorthgate,2025,January,2102\nNorthgate,2025,February,2411\n"
)


def test_a_row_naming_the_asked_month_and_year_answers_a_question_of_both(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    report = "Annual report\n\nThe committee met on 3 May 2026 and again on 20 February 2025 to discuss the branches.\n"
    retriever = indexed(tmp_path, {"library-loans.csv": YEARS, "report.txt": report}, real_embedder)
    try:
        answer = answer_question(retriever, "How many loans did Northgate make in February 2025?")
    finally:
        retriever.close()
    assert answer.found and "2411" in answer.citations[0].quote, answer.text
