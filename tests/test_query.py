from askdocs.query import fts_quote, parse_query
from askdocs.retrieval import reciprocal_rank_fusion


def test_dates_numbers_names_and_quotes_become_phrases() -> None:
    q = parse_query('Who offered 10 million pesos to "El Duranguillo" on July 2 near Francisco Torres?')
    assert "July 2" in q.phrases
    assert "10 million pesos" in q.phrases
    assert "El Duranguillo" in q.phrases
    assert "Francisco Torres" in q.phrases
    assert "who" not in q.terms and "offered" in q.terms and "2" in q.terms


def test_fts_expression_is_safe_for_any_input() -> None:
    q = parse_query('What about "quotes" AND OR NOT * ( ) : ^ - stuff?')
    assert q.fts
    assert fts_quote('a "b" c') == '"a b c"'
    assert fts_quote("???") == ""


def test_rrf_rewards_agreement_between_rankings() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 2, 4]])
    order = [i for i, _ in fused]
    assert order[0] in (2, 3) and set(order) == {1, 2, 3, 4}
    assert dict(fused)[2] > dict(fused)[1]
    assert dict(fused)[3] > dict(fused)[4]


def test_rrf_of_single_ranking_keeps_order() -> None:
    assert [i for i, _ in reciprocal_rank_fusion([[5, 1, 9]])] == [5, 1, 9]
