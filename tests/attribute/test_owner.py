import numpy as np

from rootcause.attribute import Catalogue, Department, attribute_owners, fit_contact_owners
from rootcause.attribute.owner import CONTACT_MIN_VOTE
from rootcause.embed import get_embedder

CAT = Catalogue(
    [
        Department("billing", "Billing", "Invoices and their amounts, refunds of overpayments.", ("invoice", "refund")),
        Department("network", "Network", "Mobile coverage, internet outages and slow internet speed.", ("outage",)),
        Department("logistics", "Logistics", "Parcel delivery and lost parcels, equipment returns.", ("parcel",)),
    ]
)

TEXTS = [
    "my refund was never paid back",
    "still waiting for the refund you promised",
    "refund missing after overpayment",
    "internet outage since yesterday",
    "no internet at all, outage again",
    "my parcel was never delivered",
    "parcel lost, delivery tracking stuck",
]
LABELS = np.array([0, 0, 0, 1, 1, 2, 2])


def run(teams=None):
    emb = get_embedder("fake")
    X = emb.encode(TEXTS)
    return attribute_owners(CAT, X, LABELS, TEXTS, emb.encode, handling_teams=teams)


def test_each_driver_goes_to_the_department_that_owns_the_process():
    owners = run()
    assert [o.owner_department for o in owners] == ["billing", "network", "logistics"]
    for o in owners:
        assert 0 < o.owner_confidence <= 1
        assert abs(sum(o.scores.values()) - 1) < 1e-3
        assert o.evidence


def test_handling_team_is_a_signal_not_the_answer():
    # Every contact answered by the billing team: the network driver stays with network.
    owners = run(teams=["Billing support"] * len(TEXTS))
    assert owners[1].owner_department == "network"


def test_unassigned_contacts_are_ignored():
    emb = get_embedder("fake")
    X = emb.encode(TEXTS)
    labels = LABELS.copy()
    labels[0] = -1
    owners = attribute_owners(CAT, X, labels, TEXTS, emb.encode)
    assert len(owners) == 3 and owners[0].owner_department == "billing"


def test_prototypes_carry_department_evidence_to_unmatched_wording():
    from rootcause.attribute.owner import _prototypes

    # Contacts 0-2 form one group, 3-5 another; the catalogue matches contact 2 to the
    # wrong department, but the prototypes come from each department's clearest matches.
    X = np.array([[1, 0], [0.99, 0.14], [0.95, 0.31], [0, 1], [0.14, 0.99], [0.31, 0.95]], dtype=np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    phrase = np.array([[0.9, 0.1], [0.8, 0.2], [0.45, 0.5], [0.1, 0.9], [0.2, 0.8], [0.3, 0.7]], dtype=np.float32)
    assert phrase[2].argmax() == 1
    protos = _prototypes(X, phrase)
    assert (X @ protos.T).argmax(axis=1).tolist() == [0, 0, 0, 1, 1, 1]


def _contact_owners():
    emb = get_embedder("fake")
    X = emb.encode(TEXTS)
    return fit_contact_owners(CAT, X, emb.encode), X


def test_a_contact_that_clearly_names_another_process_keeps_its_own_owner():
    fitted, X = _contact_owners()
    votes = fitted.votes(X)
    assert np.allclose(votes.sum(axis=1), 1, atol=1e-5)
    # Pretend the parcel contacts were clustered into the billing driver.
    driver_owners = ["billing"] * len(TEXTS)
    refined = fitted.refine(X, driver_owners)
    clear = votes.max(axis=1) >= CONTACT_MIN_VOTE
    for i, (got, vote) in enumerate(zip(refined, votes, strict=True)):
        assert got == (CAT.ids[int(vote.argmax())] if clear[i] else "billing")
    assert refined[5] == "logistics" and refined[6] == "logistics"


def test_contacts_under_a_review_decision_keep_the_driver_owner_and_those_without_one_get_theirs():
    fitted, X = _contact_owners()
    owners = ["", "", "billing", "billing", "billing", "billing", "billing"]
    refined = fitted.refine(X, owners, locked=[False, True, False, False, False, True, True])
    votes = fitted.votes(X)
    assert refined[0] == (CAT.ids[int(votes[0].argmax())] if votes[0].max() >= CONTACT_MIN_VOTE else "")
    assert refined[0] == "billing"  # "my refund was never paid back": clear enough
    assert refined[1] == "" and refined[5:] == ["billing", "billing"]
    assert fitted.refine(X[:0], []) == []


def test_a_contact_whose_own_words_name_its_drivers_owner_keeps_that_owner():
    # A parcel contact in the billing driver: its vote says logistics. Its whole text
    # also speaks of the invoice (billing's word): it stays with billing. The other parcel
    # contact, whose words name no billing process, still leaves for logistics.
    fitted, X = _contact_owners()
    emb = get_embedder("fake")
    fitted = fit_contact_owners(CAT, X, emb.encode, TEXTS)
    assert fitted.term_weights is not None and fitted.n_fitted == len(TEXTS)
    whole = list(TEXTS)
    whole[5] = "my parcel was never delivered and the invoice charged it, the invoice is wrong, refund the invoice"
    driver_owners = ["billing"] * len(TEXTS)
    assert fitted.refine(X, driver_owners)[5:] == ["logistics", "logistics"]  # the vote alone
    lex = fitted.matches(whole)
    assert lex[5, 0] > lex[5, 2] and lex[6, 2] > lex[6, 0]
    refined = fitted.refine(X, driver_owners, texts=whole)
    assert refined[5] == "billing" and refined[6] == "logistics"
    # the same weights as the batch's catalogue matches, for a batch and for one contact alone
    from rootcause.attribute.owner import catalogue_matches

    np.testing.assert_allclose(fitted.matches(TEXTS), catalogue_matches(CAT, TEXTS), rtol=1e-6)
    np.testing.assert_allclose(fitted.matches(TEXTS[3:4])[0], catalogue_matches(CAT, TEXTS)[3], rtol=1e-6)


def test_evidence_fitted_without_texts_refines_on_the_vote_alone():
    fitted, X = _contact_owners()
    assert fitted.matches(TEXTS) is None
    assert fitted.refine(X, ["billing"] * len(TEXTS), texts=TEXTS) == fitted.refine(X, ["billing"] * len(TEXTS))


def test_a_catalogue_example_counts_for_drivers_not_for_one_contact():
    # Billing's example names a symptom that a roaming contact also mentions; the roaming
    # process is Offers'. The example may sway a driver's vote, never one contact's.
    cat = Catalogue(
        [
            Department("billing", "Billing", "Invoices and their amounts.", examples=("charged twice for the roaming pack",)),
            Department("offers", "Offers", "Roaming packs and their options."),
        ]
    )
    emb = get_embedder("fake")
    texts = ["charged twice for the roaming pack", "invoice amount wrong", "roaming pack options"]
    X = emb.encode(texts)
    fitted = fit_contact_owners(cat, X, emb.encode)
    assert fitted.is_example.sum() == 1
    with_examples, _ = fitted.phrase_scores(X[:1])
    without, _ = fitted.phrase_scores(X[:1], examples=False)
    assert with_examples[0].argmax() == 0 and without[0, 0] < with_examples[0, 0]
    assert fitted.votes(X[:1])[0].argmax() == 1


def test_evidence_is_written_in_the_report_language():
    emb = get_embedder("fake")
    X = emb.encode(TEXTS)
    fr = attribute_owners(CAT, X, LABELS, TEXTS, emb.encode, language="fr", handling_teams=["Billing support"] * len(TEXTS))
    en = attribute_owners(CAT, X, LABELS, TEXTS, emb.encode, language="en")
    assert fr[0].evidence.startswith("ses contacts se rapprochent le plus de « ")
    assert "\u00a0% de leurs votes" in fr[0].evidence  # French typography: 58 %, not 58%
    assert "traité par une équipe dont le nom correspond à cette direction : 100\u00a0%" in fr[0].evidence
    assert en[0].evidence.startswith("its contacts read most like the catalogue's “") and "% of their votes" in en[0].evidence
    assert [o.owner_department for o in fr] == [o.owner_department for o in en]


def test_a_driver_whose_contacts_ask_of_their_own_accord_leans_to_the_phrases_about_requests():
    from rootcause.attribute.owner import REQUEST_BIAS, _asking_drivers, contact_kinds

    kinds = contact_kinds(["How much is the fibre offer?", "je voudrais résilier mon contrat", "my parcel never arrived, can you check?", "bonjour"])
    assert kinds.tolist() == [1.0, 1.0, 0.0, 0.0]  # a question, a cancellation by choice; a failure; nothing asked
    reasons = ["how much is the fibre offer?", "can I get fibre at home?", "internet down again", "no internet since monday?", "what does it cost?"]
    labels = np.array([0, 0, 1, 1, -1])
    assert _asking_drivers(labels, 2, reasons).tolist() == [1.0, 1.0, 0.0, 0.0, 0.0]  # the unassigned one asks, alone

    cat = Catalogue(
        [
            Department("front", "Front line", "Information before any purchase. Closes spam.", ()),
            Department("network", "Network", "Internet outages and slow speed.", ()),
        ]
    )
    emb = get_embedder("fake")
    X = emb.encode(reasons)
    fitted = fit_contact_owners(cat, X, emb.encode)
    assert fitted.is_request is not None and fitted.is_request.sum() >= 1
    plain, _ = fitted.phrase_scores(X)
    leaned, _ = fitted.phrase_scores(X, kinds=_asking_drivers(labels, 2, reasons))
    # the front line's best phrase gains up to the lean (its name, no request phrase, may stay best)
    gain = leaned[:2, 0] - plain[:2, 0]
    assert (gain >= -1e-6).all() and (gain <= REQUEST_BIAS + 1e-6).all() and np.isclose(gain.max(), REQUEST_BIAS)
    assert np.allclose(leaned[:2, 1], plain[:2, 1])
    assert np.allclose(leaned[2:], plain[2:])
    before = attribute_owners(cat, X, labels, reasons, emb.encode, evidence=fitted)
    after = attribute_owners(cat, X, labels, reasons, emb.encode, evidence=fitted, reasons=reasons)
    assert after[0].scores["front"] > before[0].scores["front"]
    assert after[1].scores == before[1].scores
