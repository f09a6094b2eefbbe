"""Regenerate the bundled call-transcript sample and its gold files.

Writes, relative to ``data/samples/``:

- ``transcripts.ndjson``: one call per line (``call_id, started_at, channel,
  customer_id, queue, transcript``), transcripts rendered in the formats real
  telephony exports hold (speaker labels, timestamps, WebVTT, SRT, JSON turn
  lists, unlabelled ASR text);
- ``gold/transcripts_labels.csv``: ``id,driver,owner,reason_turn``;
- ``gold/planted_pii_calls.txt``: every e-mail / phone / IBAN / card string
  planted in a call, exactly as it appears in the transcript;
- ``gold/crosslingual_pairs.csv``: the same complaint written in French and in
  English by different customers.

Each call is written by hand below in a small script language; only the
*rendering* (format, timestamps, ids, dates) is generated, with a fixed seed,
so the output is byte-identical across runs.

Call script language::

    === drv=<driver> lang=fr|en fmt=<format> q=<queue> [k=<key>] [rep=<key>]
        [cust=<key>] [ag=<agent first name>] [cn=<customer label>] [asr=1]
        [la=<agent label>] [lc=<customer label>] [bad=date]
    I <IVR prompt>
    A <agent turn>
    C <customer turn>, the reason sentence wrapped in {{ }}
    H <seconds on hold>

``{cid}`` is the caller's customer id, ``{ag}`` the agent's first name,
``[[...]]`` marks planted PII. ``rep=<key>`` makes the call a repeat of call
``<key>``: same customer, 1 to 6 days later.

Run: ``.venv/bin/python data/samples/gold/make_transcripts.py``
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
import shlex
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
SEED = 20260501

FORMATS = (
    "ac",  # Agent: / Customer:
    "caller",  # Agent: / Caller:
    "cc",  # Conseiller : / Client :
    "tc",  # Téléconseiller : / Client :
    "names",  # Sophie: / M. Martin:
    "ts_br",  # [00:01:12] AGENT: ...
    "ts_plain",  # 00:00:05 Client : ...
    "vtt",  # WEBVTT with <v Speaker> voice tags
    "srt",  # SubRip blocks
    "json_speaker",  # [{"speaker", "text", "start"}]
    "json_role",  # [{"role", "content"}]
    "json_participant",  # [{"participant", "utterance", "start_ms", "end_ms"}]
    "raw",  # no speaker labels at all
)

REASON_RE = re.compile(r"\{\{(.+?)\}\}")
PII_RE = re.compile(r"\[\[(.+?)\]\]")

CALLS: list[str] = []

# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------


def _hms(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _vtt_time(seconds: float, comma: bool = False) -> str:
    ms = int(round(seconds * 1000))
    text = f"{ms // 3600000:02d}:{ms % 3600000 // 60000:02d}:{ms % 60000 // 1000:02d}.{ms % 1000:03d}"
    return text.replace(".", ",") if comma else text


def asr_flatten(text: str) -> str:
    """Lower-case and drop sentence punctuation, as raw ASR output does."""
    text = text.lower()
    # keep dots inside e-mails / numbers ("jean.dupont@", "07.81"): only drop
    # punctuation that ends a clause
    text = re.sub(r"[,?!;:…]", " ", text)
    text = re.sub(r"\.(?=\s|$)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _default_labels(fmt: str, lang: str, ag: str, cn: str) -> tuple[str, str, str]:
    """Return (agent, customer, ivr) labels for a format."""
    fr = lang == "fr"
    table = {
        "ac": ("Agent", "Client" if fr else "Customer", "IVR"),
        "caller": ("Agent", "Appelant" if fr else "Caller", "IVR"),
        "cc": ("Conseiller", "Client", "SVI"),
        "tc": ("Téléconseiller", "Client", "SVI"),
        "names": (ag, cn, "SVI" if fr else "IVR"),
        "ts_br": ("AGENT", "CLIENT" if fr else "CUSTOMER", "SVI" if fr else "IVR"),
        "ts_plain": ("Conseiller" if fr else "Agent", "Client" if fr else "Customer", "SVI" if fr else "IVR"),
        "vtt": ("Agent", "Client" if fr else "Customer", "SVI" if fr else "IVR"),
        "srt": ("AGENT", "CLIENT" if fr else "CALLER", "SVI" if fr else "IVR"),
    }
    return table.get(fmt, ("agent", "customer", "ivr"))


def render(call: dict, rng: random.Random) -> str:
    """Render a parsed call's turns into its export format."""
    fmt, lang = call["fmt"], call["lang"]
    la, lc, li = _default_labels(fmt, lang, call["ag"], call.get("cn", "Client"))
    la, lc = call.get("la", la), call.get("lc", lc)
    sep = " : " if lang == "fr" and fmt in ("cc", "tc", "ts_plain") else ": "
    # timeline: each turn gets a start and end, holds add silence
    t = rng.uniform(0.5, 2.5)
    timed: list[tuple[str, str, float, float]] = []
    for role, text in call["turns"]:
        if role == "H":
            hold = float(text)
            timed.append(("H", text, t, t + hold))
            t += hold + rng.uniform(0.5, 2.0)
            continue
        dur = max(1.2, len(text.split()) * rng.uniform(0.33, 0.45))
        timed.append((role, text, t, t + dur))
        t += dur + rng.uniform(0.2, 1.4)
    label = {"A": la, "C": lc, "I": li}
    lines: list[str] = []
    if fmt in ("ac", "caller", "cc", "tc", "names"):
        for role, text, _, _ in timed:
            if role == "H":
                continue
            lines.append(f"{label[role]}{sep}{text}")
        return "\n".join(lines)
    if fmt == "ts_br":
        for role, text, start, end in timed:
            if role == "H":
                lines.append(f"[{_hms(start)}] SYSTEM: HOLD {_hms(end - start)}")
            else:
                lines.append(f"[{_hms(start)}] {label[role]}: {text}")
        return "\n".join(lines)
    if fmt == "ts_plain":
        for role, text, start, _ in timed:
            if role != "H":
                lines.append(f"{_hms(start)} {label[role]}{sep}{text}")
        return "\n".join(lines)
    if fmt == "vtt":
        blocks = ["WEBVTT"]
        numbered = call.get("cue_ids", False)
        for i, (role, text, start, end) in enumerate((x for x in timed if x[0] != "H"), 1):
            head = f"{i}\n" if numbered else ""
            blocks.append(f"{head}{_vtt_time(start)} --> {_vtt_time(end)}\n<v {label[role]}>{text}")
        return "\n\n".join(blocks) + "\n"
    if fmt == "srt":
        blocks = []
        for i, (role, text, start, end) in enumerate((x for x in timed if x[0] != "H"), 1):
            blocks.append(f"{i}\n{_vtt_time(start, True)} --> {_vtt_time(end, True)}\n{label[role]}: {text}")
        return "\n\n".join(blocks) + "\n"
    if fmt.startswith("json"):
        who = {"A": "agent", "C": "customer", "I": "ivr", "H": "system"}
        turns = []
        for role, text, start, end in timed:
            if fmt == "json_speaker":
                if role == "H":
                    turns.append({"speaker": "system", "text": "[hold]", "start": round(start, 1)})
                else:
                    turns.append({"speaker": who[role], "text": text, "start": round(start, 1)})
            elif fmt == "json_role":
                if role != "H":
                    turns.append({"role": who[role], "content": text})
            else:
                if role == "H":
                    continue
                turns.append(
                    {
                        "participant": who[role].upper(),
                        "utterance": text,
                        "start_ms": int(start * 1000),
                        "end_ms": int(end * 1000),
                    }
                )
        return json.dumps(turns, ensure_ascii=False)
    if fmt == "raw":
        return "\n".join(text for role, text, _, _ in timed if role != "H")
    raise ValueError(f"unknown fmt={fmt!r}; expected one of {FORMATS}")


# ---------------------------------------------------------------------------
# parsing the call scripts
# ---------------------------------------------------------------------------


def parse_calls(blocks: list[str]) -> list[dict]:
    calls: list[dict] = []
    for block in blocks:
        current: dict | None = None
        for raw_line in block.strip("\n").splitlines():
            line = raw_line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("==="):
                current = dict(kv.split("=", 1) for kv in shlex.split(line[3:]))
                current["turns"] = []
                calls.append(current)
                continue
            if current is None:
                raise ValueError(f"turn before any header: {line!r}")
            role, _, text = line.partition(" ")
            if role not in ("A", "C", "I", "H"):
                raise ValueError(f"bad role {role!r} in line {line!r}")
            current["turns"].append((role, text.strip()))
    return calls


FR_AGENTS = ["Sophie", "Karim", "Julie", "Nadia", "Thomas", "Céline", "Yanis", "Camille", "Mehdi", "Laura", "Romain"]
EN_AGENTS = ["Emma", "James", "Priya", "Daniel", "Chloe", "Sam"]


def _random_start(rng: random.Random, latest: dt.date = dt.date(2026, 10, 31)) -> dt.datetime:
    first = dt.date(2026, 5, 1)
    while True:
        day = first + dt.timedelta(days=rng.randrange((latest - first).days + 1))
        if day.weekday() < 6:  # the call centre is closed on Sundays
            break
    return dt.datetime.combine(day, dt.time(rng.randrange(8, 20), rng.randrange(60), rng.randrange(60)))


def build() -> None:
    rng = random.Random(SEED)
    calls = parse_calls(CALLS)
    taxonomy = {row["driver"]: row["owner"] for row in csv.DictReader(open(HERE / "taxonomy.csv", encoding="utf-8"))}
    used_cids: set[str] = set()

    def new_cid() -> str:
        while True:
            cid = f"C-00{rng.randrange(1000, 9999):04d}"
            if cid not in used_cids:
                used_cids.add(cid)
                return cid

    by_key: dict[str, dict] = {}
    shared: dict[str, str] = {}
    for call in calls:
        if "k" in call:
            by_key[call["k"]] = call
    for call in calls:
        if "rep" in call:
            continue
        if "cust" in call:
            call["cid"] = shared.setdefault(call["cust"], new_cid())
        else:
            call["cid"] = new_cid()
        latest = dt.date(2026, 10, 24) if call.get("k") else dt.date(2026, 10, 31)
        call["start"] = _random_start(rng, latest)
    for call in calls:
        if "rep" in call:
            first = by_key[call["rep"]]
            call["cid"] = first["cid"]
            call["start"] = first["start"] + dt.timedelta(
                days=rng.randrange(1, 7), hours=rng.randrange(-3, 4), minutes=rng.randrange(60)
            )
    for call in calls:
        call.setdefault("ag", rng.choice(FR_AGENTS if call["lang"] == "fr" else EN_AGENTS))
        if call["fmt"] == "vtt":
            call["cue_ids"] = rng.random() < 0.4
    calls.sort(key=lambda c: c["start"])
    number = 1000 + rng.randrange(200)
    for call in calls:
        number += rng.randrange(15, 110)
        call["call_id"] = f"CALL-2026-{number:05d}"

    records, labels, pii = [], [], []
    for call in calls:
        turns = []
        reason = None
        for role, text in call["turns"]:
            text = text.replace("{cid}", call["cid"]).replace("{ag}", call["ag"])
            for m in REASON_RE.finditer(text):
                if role != "C" or reason is not None:
                    raise ValueError(f"{call['call_id']}: reason must be one customer sentence")
                reason = m.group(1)
            text = REASON_RE.sub(r"\1", text)
            pii.extend(PII_RE.findall(text))
            text = PII_RE.sub(r"\1", text)
            if call.get("asr") == "1" and role != "H":
                text = asr_flatten(text)
            turns.append((role, text))
        call["turns"] = turns
        started = call["start"].isoformat()
        if call.get("bad") == "date":
            started = call["start"].strftime("%d/%m/%Y %Hh%M")
        transcript = "" if call.get("bad") == "empty" else render(call, rng)
        records.append(
            {
                "call_id": call["call_id"],
                "started_at": started,
                "channel": "phone",
                "customer_id": call["cid"],
                "queue": call["q"],
                "transcript": transcript,
            }
        )
        if call.get("bad") == "empty":
            continue
        if reason is None:
            raise ValueError(f"{call['call_id']} ({call['drv']}): no {{{{reason}}}} marked")
        if call.get("asr") == "1":
            reason = asr_flatten(reason)
        drv = call["drv"]
        labels.append({"id": call["call_id"], "driver": drv, "owner": taxonomy.get(drv, ""), "reason_turn": reason})
        call["reason"] = reason

    # PII strings as they appear after the ASR flattening of their call
    planted = []
    for call in calls:
        for role, text in call["turns"]:
            pass
    for p in pii:
        planted.append(p)
    with open(SAMPLES / "transcripts.ndjson", "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(HERE / "transcripts_labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "driver", "owner", "reason_turn"])
        w.writeheader()
        w.writerows(labels)
    with open(HERE / "planted_pii_calls.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(planted) + "\n")
    with open(HERE / "crosslingual_pairs.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["pair_id", "driver", "text_fr", "text_en"])
        for i, (drv, fr, en) in enumerate(PAIRS, 1):
            if drv not in taxonomy:
                raise ValueError(f"pair {i}: unknown driver {drv!r}")
            w.writerow([f"P{i:02d}", drv, fr, en])
    _check(records, labels, planted, calls, taxonomy)


def _check(records: list[dict], labels: list[dict], planted: list[str], calls: list[dict], taxonomy: dict) -> None:
    """Fail loudly when the sample drifts from what its consumers rely on."""
    text_of = {r["call_id"]: r["transcript"] for r in records}
    for lab in labels:
        if lab["reason_turn"] not in text_of[lab["id"]]:
            raise ValueError(f"{lab['id']}: reason_turn not found verbatim: {lab['reason_turn']!r}")
        if lab["driver"] != "other" and lab["driver"] not in taxonomy:
            raise ValueError(f"{lab['id']}: unknown driver {lab['driver']!r}")
    all_text = "\n".join(text_of.values())
    for p in planted:
        if p not in all_text:
            raise ValueError(f"planted PII {p!r} not found verbatim in any transcript")
    for call in calls:
        n = sum(1 for role, _ in call["turns"] if role in ("A", "C"))
        if call.get("bad") != "empty" and not 6 <= n <= 30:
            raise ValueError(f"{call['call_id']} ({call['drv']}): {n} turns, expected 6-30")


# ---------------------------------------------------------------------------
# the calls
# ---------------------------------------------------------------------------
# --- billing ----------------------------------------------------------------
CALLS.append(r"""
=== drv=unexpected_charge lang=fr fmt=cc q=Facturation k=uc1 ag=Sophie
I Bienvenue chez Lumio. Pour une question sur votre facture, tapez 1. Pour un problème technique, tapez 2.
A Lumio bonjour, Sophie à l'appareil, que puis-je faire pour vous ?
C Oui bonjour madame, euh, c'est pour ma facture en fait.
A Très bien, je vais regarder ça avec vous. Puis-je avoir votre numéro client s'il vous plaît ?
C Alors attendez, je l'ai sous les yeux… c'est le {cid}.
A Merci. Vous êtes bien madame Brigitte Lemoine ? Pouvez-vous me confirmer votre date de naissance ?
C Oui, le 14 mars 1961.
A Parfait, merci madame Lemoine. Je vous écoute.
C Ben voilà, {{ma facture de juin est à 87 euros alors que je paie 39,99 d'habitude.}} Je comprends pas du tout.
A D'accord, je regarde le détail… Je vois une option « Bouquet Ciné » à 14,99 et des frais de hors forfait.
C Mais j'ai jamais pris de bouquet ciné moi ! Je regarde même pas la télé par la box.
A Je comprends. L'option a été activée le 3 juin depuis le décodeur, avec le code parental par défaut peut-être.
C Ah ben ça, c'est peut-être mon petit-fils… mais enfin on m'a rien demandé.
A Je vous la résilie tout de suite et je fais une demande de remboursement du premier mois, d'accord ?
C Oui, et les 32 euros de hors forfait, c'est quoi ?
A Ce sont des appels vers des numéros spéciaux. Ceux-là je ne peux pas les annuler, je suis désolée.
C Bon. Et je le vois quand, le remboursement ?
A Il apparaîtra en avoir sur votre prochaine facture. Est-ce que je peux faire autre chose pour vous ?
C Non, ça ira. Merci.
A Merci de votre appel madame Lemoine, bonne journée.

=== drv=unexpected_charge lang=fr fmt=ts_br rep=uc1 q=Accueil ag=Karim
I Bienvenue chez Lumio. Votre appel est susceptible d'être enregistré.
A Service client Lumio, Karim, bonjour.
C Bonjour monsieur, j'ai déjà appelé la semaine dernière pour ma facture.
A D'accord, je vais retrouver votre dossier. Vous avez votre numéro client ?
C {cid}.
A Merci madame. Oui, je vois l'appel du… de lundi. Qu'est-ce qui se passe ?
C {{On m'avait dit que le bouquet ciné serait retiré mais je vois encore 14,99 sur l'échéancier en ligne.}}
A Je vérifie, ne quittez pas.
H 74
A Merci d'avoir patienté. Alors l'option a bien été résiliée, mais la facture de juillet était déjà éditée.
C Donc je vais payer encore une fois ?
A Oui sur celle-ci, mais l'avoir de deux mois sera sur celle d'août. Je mets une note sur le compte.
C Bon… vous êtes sûr hein, parce que je vais pas rappeler tous les mois.
A Je vous le confirme, vous recevrez aussi un SMS de confirmation.
C D'accord. Au revoir.
A Bonne fin de journée madame.

=== drv=unexpected_charge lang=en fmt=ac q="English Desk"
I Thank you for calling Lumio. For billing, press 1.
A Thank you for calling Lumio, this is {ag}, how can I help?
C Hi, yeah, um, I'm calling about my bill.
A Sure, I can help with that. Can I take your customer number please?
C It's {cid}.
A Thanks. And for security, can you confirm the postcode on the account?
C 69003. Lyon.
A Perfect, thank you. So what's going on with the bill?
C {{I was charged twice this month, there's two payments of 34.99 on my bank statement.}}
A Okay, let me have a look. I can see one invoice for September, 34.99.
C Yeah but my bank shows it twice. Same day, the 5th.
A I see. It looks like the payment was retried after a technical error on our side. I'm sorry about that.
C So do I get the money back or what?
A Yes, I'm raising a refund of 34.99 to your bank account now, it takes five to seven working days.
C Alright. Can you send me something in writing?
A You'll get an email confirmation within the hour. Anything else I can help with today?
C No that's it, thanks.
A Thanks for calling Lumio, have a good day.

=== drv=unexpected_charge lang=fr fmt=raw asr=1 q=Technique
lumio bonjour camille à l'appareil que puis-je faire pour vous
oui bonjour euh alors voilà j'ai un souci avec la facture
d'accord je vais regarder vous avez votre numéro client
oui attendez c'est c zéro zéro sept trois un deux
merci monsieur et votre date de naissance
le 2 février 88
c'est noté alors dites-moi
ben {{y a 23 euros de services sms plus que j'ai jamais demandés sur la facture}}
je vois oui ce sont des abonnements à des services de contenu facturés par un tiers
mais j'ai rien fait moi c'est arrivé comme ça
je comprends je vais bloquer les services à contenu sur votre ligne et ouvrir une réclamation auprès de l'éditeur
et les 23 euros je les récupère
la réclamation est traitée sous 30 jours je ne peux pas vous le garantir mais en général oui
bon ben d'accord merci
avec plaisir bonne journée monsieur

=== drv=unexpected_charge lang=fr fmt=names q=Commercial ag=Nadia cn="M. Perrin"
A Lumio bonjour, Nadia à votre écoute.
C Oui bonjour, Jean-Marc Perrin. J'ai pris une box chez vous le mois dernier.
A Bienvenue chez Lumio monsieur Perrin. Pour vérifier votre identité, vous pouvez me donner votre code postal ?
C 44100, Nantes.
A Merci. Que puis-je faire pour vous ?
C Alors on m'avait dit en boutique, euh, que c'était 29,99 par mois, point.
A Oui c'est bien le prix de l'offre Fibre Essentielle.
C Sauf que {{sur ma première facture il y a 49 euros de frais de mise en service que personne m'a annoncés.}}
A Je comprends votre surprise. Les frais de mise en service sont indiqués dans la fiche tarifaire, mais je vois qu'ils ont été facturés deux fois.
C Deux fois ? Ah ben c'est encore mieux.
A Une fois sur la facture, une fois en ligne séparée. Je vous rembourse la ligne en double, soit 49 euros.
C Et les premiers 49 alors ?
A Ceux-là sont contractuels, je suis désolée. Par contre je peux vous offrir un mois d'option TV en geste.
C Bof. Bon, d'accord, mettez ça.
A C'est fait. Vous verrez le remboursement sur votre prochaine facture.
C Merci.
A Je vous en prie monsieur Perrin, bonne soirée.

=== drv=unexpected_charge lang=en fmt=json_speaker q=Accueil
I Bienvenue chez Lumio. For English, press 9.
A Lumio customer service, {ag} speaking, how can I help you today?
C Hello. Uh, yes, I've just got my bill and there's a charge I don't understand.
A No problem. Could I have your customer ID please?
C Yes, {cid}.
A Thank you. And can you confirm your date of birth?
C Twenty-second of July, 1979.
A Lovely, thank you. Which charge is it?
C {{There's a 2.50 euro paper bill fee every month but I never asked for paper bills.}}
A Ah yes, the paper invoice fee. Your account was set to postal invoices when it was created.
C Well I didn't choose that. I've been paying it for eight months then.
A I can switch you to e-bills now and refund the last three months, that's the most I can go back.
C Only three? That's a bit cheeky.
A I understand. Let me ask my supervisor if we can do more, bear with me.
H 95
A Thanks for holding. We can refund all eight months, so 20 euros, as a credit on your next bill.
C Okay, that's fair. Thank you.
A You're welcome. Is there anything else?
C No, that's all.
A Have a nice evening.

=== drv=unexpected_charge lang=fr fmt=vtt q=Facturation
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Euh, je vous appelle parce que j'ai reçu un mail comme quoi ma facture est disponible.
A Oui ?
C Et en fait, {{la facture fait 112 euros ce mois-ci, c'est presque le triple.}}
A D'accord, je vais regarder. Vous pouvez me donner votre numéro client ou le numéro de la ligne ?
C Le numéro client c'est {cid}.
A Merci. Je vois… il y a un rattrapage de trois mois d'option Multi-TV.
C Un rattrapage ? C'est-à-dire ?
A L'option était active depuis avril mais elle n'avait pas été facturée suite à une erreur, elle a été régularisée d'un coup.
C Mais j'ai demandé à la retirer en mai, l'option.
A Je ne vois pas la demande de retrait. Vous l'aviez faite comment ?
C Par le chat sur le site. J'ai même la capture.
A Dans ce cas je vous propose d'ouvrir une réclamation et vous joignez la capture en réponse au mail que je vous envoie.
C D'accord. Et en attendant je paie les 112 euros ?
A Je suspends le prélèvement du montant contesté, vous ne serez prélevé que de 38,99.
C Ah, ça c'est bien. Merci.
A Je vous en prie. Bonne journée.

=== drv=unexpected_charge lang=en fmt=caller q=Recouvrement
I Welcome to Lumio. Calls are recorded for training purposes.
A Good morning, Lumio, {ag} speaking. How can I help?
C Morning. I got a text saying my account is overdue and I need to pay.
A Okay, let me check. What's your customer number?
C {cid}.
A Thanks, and the name on the account?
C Mark Henderson.
A Thank you Mr Henderson. Yes, there's 96.40 outstanding on the August bill.
C {{That's what I don't get, my plan is 25 a month, so why is the bill 96 euros?}}
A There are 71 euros of calls to international numbers, mostly to a UK mobile.
C Oh. Oh, calls to the UK aren't included?
A Not on your plan, no, they're charged per minute. I can add the Europe option for 5 euros a month from now on.
C Yeah do that. And can I pay the bill now on the phone?
A Of course, I'll take the card details. Please read the long number on the card.
C It's [[4970 1012 3456 7893]], expiry 09/28.
A Thank you, and the three digits on the back?
C 4 1 7.
A Payment accepted. You'll get a receipt by email.
C Cheers.
A Thanks for calling Lumio, Mr Henderson.

=== drv=direct_debit_rejected lang=fr fmt=tc q=Recouvrement
A Lumio bonjour, {ag} à l'appareil.
C Oui bonjour, je viens de recevoir un courrier de relance, c'est quoi ce délire ?
A Je vais regarder ça avec vous. Votre numéro client s'il vous plaît ?
C {cid}. C'est au nom de Patrick Moreau.
A Merci monsieur Moreau. Oui je vois un rejet de prélèvement sur la facture d'octobre.
C {{Mon prélèvement a été rejeté alors qu'il y avait largement l'argent sur le compte.}}
A Le motif de rejet indiqué par la banque, c'est « coordonnées bancaires inexactes ».
C Comment ça inexactes ? C'est le même compte depuis cinq ans.
A Je vais vérifier l'IBAN enregistré. Vous pouvez me lire le vôtre ?
C Alors… [[FR76 3000 4008 3100 0123 4567 893]].
A Effectivement, il y a une erreur de saisie chez nous, il manque un chiffre. Je suis désolée.
C Et les 7,50 de frais de rejet sur la relance ?
A Je les annule, c'est de notre fait. Je corrige l'IBAN et je relance le prélèvement le 15.
C D'accord, merci. Ça m'a fait peur ce courrier.
A Je comprends. Je vous envoie une confirmation par mail. Bonne journée monsieur Moreau.

=== drv=direct_debit_rejected lang=fr fmt=json_role q=Facturation
A Lumio, bonjour, vous êtes en ligne avec {ag}.
C Bonjour, euh, oui, j'appelle parce que j'ai un problème de prélèvement.
A Je vous écoute. Vous êtes client fixe, mobile ?
C Les deux, j'ai le pack. Numéro client {cid}.
A Merci madame. Quel est le souci ?
C {{Vous m'avez prélevé deux fois 52,98 ce mois-ci, le 5 et le 8.}}
A Je regarde… oui je vois deux prélèvements. Le premier a été rejeté par votre banque puis représenté.
C Rejeté ? Non, il est passé, je le vois sur mon compte.
A C'est possible que la banque ait envoyé un rejet technique tout en débitant. Vous avez un relevé ?
C Oui, je l'ai là, les deux sont débités.
A D'accord. Je vais ouvrir une demande de remboursement du second prélèvement. Pouvez-vous l'envoyer par mail à notre service ?
C Oui, à quelle adresse ?
A Je vous envoie un mail avec le lien pour déposer le justificatif.
C Et ça va prendre combien de temps ?
A Comptez une dizaine de jours après réception du relevé.
C Bon. Je me passerais bien de ça, j'ai un découvert à cause de vous.
A Je comprends, je note de prendre aussi en charge vos frais bancaires sur justificatif.
C Merci. Bonne journée.

=== drv=direct_debit_rejected lang=fr fmt=ts_plain q=Accueil
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Bonjour monsieur. Alors voilà, j'ai changé de banque en août.
A D'accord.
C Et j'avais bien donné mon nouveau RIB sur l'espace client. Mais {{le prélèvement de septembre a été rejeté et on me facture 7,50 euros de frais.}}
A Je comprends. Je vérifie : votre numéro client ?
C {cid}.
A Et votre date de naissance s'il vous plaît ?
C 30 novembre 1990.
A Merci. Je vois que la modification du RIB a été enregistrée le 2 septembre, après l'envoi de l'ordre de prélèvement.
C Mais j'ai changé fin août !
A Il y a un délai de traitement de quelques jours, malheureusement. Le nouveau mandat, c'est bien [[FR76 1027 8060 3900 0201 5380 136]] ?
C Oui c'est celui-là.
A Parfait, il est actif. Je retire les frais de rejet à titre exceptionnel et je représente la facture.
C Merci bien.
A Avec plaisir, bonne journée.

=== drv=direct_debit_rejected lang=en fmt=ac q="English Desk"
A Lumio, you're speaking to {ag}, how can I help?
C Hi, I'm calling because my internet was cut this morning.
A Oh I'm sorry to hear that, let me check. Customer number?
C {cid}.
A Thank you. I can see the line has been restricted because of an unpaid balance.
C Unpaid? {{My direct debit bounced and nobody told me, and now you've cut me off.}}
A We sent two emails and a text to the number on file. Let me check where they went.
C I changed my number last year, maybe that's why.
A That could be it. The payment was rejected on the 6th with the reason insufficient funds.
C Yeah I was paid late that month. Can I just pay now?
A Yes, you can pay by card now and the line will be reopened within two hours. There's also a 7.50 rejection fee.
C Ugh. Fine. Can you update my number too?
A Of course, go ahead.
C It's [[+33 6 48 27 91 03]].
A Updated. I'll send you the payment link by text.
C Thanks.
A You're welcome, have a good day.

=== drv=direct_debit_rejected lang=fr fmt=cc q=Technique
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Oui bonjour, mon portable ne marche plus, je peux plus appeler.
A D'accord, on va regarder ça. Vous avez votre numéro client ?
C Euh… non, j'ai le numéro de la ligne.
A Ça ira. Je vous écoute.
C [[06 71 38 24 55]].
A Merci. Madame Roux ? Je vois que la ligne est suspendue pour impayé.
C Impayé ? Mais c'est en prélèvement automatique !
A Oui, mais le prélèvement d'août a été rejeté par votre banque. C'est ce qu'on voit ici.
C Ah ben alors ça c'est la banque… {{Pourquoi mon prélèvement a été rejeté, j'avais assez sur le compte ?}}
A Le motif c'est « opposition sur mandat ». Vous avez peut-être signalé une opposition ?
C Ah… j'ai fait opposition sur ma carte, pas sur le prélèvement.
A Ça arrive, la banque bloque parfois tous les mandats. Il faudra la contacter pour lever l'opposition.
C Et en attendant, j'ai plus de téléphone ?
A Si vous réglez par carte maintenant, je rétablis la ligne tout de suite.
C Bon. Allez-y.
A Je vous transfère sur le serveur de paiement sécurisé. Bonne journée madame.
""")

CALLS.append(r"""
=== drv=refund_missing lang=fr fmt=cc q=Résiliation k=rf1 ag=Julie
A Lumio bonjour, Julie à l'appareil, que puis-je faire pour vous ?
C Bonjour madame. Alors, j'ai résilié ma box en juillet, parce que je suis parti chez un autre opérateur.
A D'accord.
C Et on m'avait dit qu'on me rembourserait le trop-perçu, parce que j'avais payé le mois d'août en entier.
A Je vois. Vous pouvez me donner votre numéro client ?
C Oui : {cid}.
A Merci. Et votre nom ?
C Olivier Garnier.
A Merci monsieur Garnier. Donc la résiliation a pris effet le 18 juillet…
C Voilà, et {{ça fait deux mois que j'attends le remboursement de 31 euros et toujours rien.}}
A Je vois bien un avoir de 31,20 euros calculé sur votre compte.
C Ben oui mais il est où l'argent ?
A Comme le compte est clôturé, il faut un virement, et il manque votre RIB pour l'effectuer.
C Personne me l'a demandé, mon RIB !
A Je suis désolée. Vous pouvez me le dicter maintenant ?
C Euh… je l'ai pas sur moi, je suis au travail.
A Je vous envoie un mail avec un lien sécurisé pour le déposer. Le virement partira sous 10 jours après.
C D'accord. Merci.
A Bonne journée monsieur Garnier.

=== drv=refund_missing lang=fr fmt=names rep=rf1 q=Facturation ag=Thomas cn="M. Garnier"
A Lumio bonjour, Thomas à l'appareil.
C Oui bonjour, Olivier Garnier, j'ai appelé il y a quelques jours pour un remboursement.
A Bonjour monsieur Garnier. Votre numéro client s'il vous plaît ?
C {cid}.
A Merci. Oui, je vois l'appel avec ma collègue. Qu'est-ce que je peux faire ?
C {{J'ai jamais reçu le mail pour déposer mon RIB, donc toujours pas de remboursement.}}
A Je vois que le mail est parti sur l'adresse o.garnier@… avec une faute de frappe. Quelle est la bonne adresse ?
C [[olivier.garnier44@gmail.com]].
A C'est corrigé. Vous pouvez aussi me lire votre IBAN directement, ça ira plus vite.
C Ah ben oui, je l'ai là : [[FR76 3000 3036 2000 0501 2093 468]].
A Merci. Le virement de 31,20 euros est programmé, vous l'aurez en fin de semaine prochaine.
C Enfin ! Merci.
A Désolé pour l'attente. Bonne journée.

=== drv=refund_missing lang=en fmt=ts_br q="English Desk"
I Thank you for calling Lumio. Your call may be recorded.
A Lumio, {ag} speaking, how can I help?
C Hello there. Um, I was told I'd get a refund and I haven't.
A I'm sorry about that. Can I take your customer number?
C Sure, {cid}.
A And can you confirm your postcode?
C 06400. Cannes.
A Thank you. Which refund is it about?
C So in June I paid my bill twice by mistake, once by card and once by the direct debit.
A Okay.
C {{Your colleague promised the 45 euros would be refunded within a week and it's been five weeks.}}
A Let me look. Bear with me a moment please.
H 62
A Thanks for waiting. The refund was approved but it was sent as a credit on your account rather than to your bank.
C But I don't want a credit, I want the money back.
A I understand. I'll reverse the credit and ask for a bank transfer. It can take up to ten working days.
C Ten more days. Right.
A I'm sorry. I've marked it as urgent. You'll get an email when it's sent.
C Okay. Thanks.

=== drv=refund_missing lang=fr fmt=srt q=Accueil
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Oui, euh, c'est suite à la panne du mois dernier.
A La panne internet dans votre secteur ?
C Oui, on est restés dix jours sans rien. Et on m'avait dit qu'il y aurait un geste commercial.
A Je vais vérifier. Votre numéro client ?
C {cid}.
A Merci madame. Je vois la panne, du 3 au 13 septembre.
C Voilà. {{Le geste commercial de 20 euros devait apparaître sur la facture d'octobre, et il y est pas.}}
A Je vois. Le geste a bien été accordé mais il n'a pas été appliqué, je ne sais pas pourquoi.
C Donc je l'aurai pas ?
A Si, je le remets manuellement, il sera sur la facture de novembre.
C Bon, d'accord. Faut que je rappelle si c'est pas le cas ?
A Normalement non, mais vous avez la référence de ma demande par SMS.
C Merci.
A Bonne journée madame.

=== drv=refund_missing lang=fr fmt=json_participant q=Logistique
A Lumio bonjour, {ag} du service client.
C Bonjour madame, euh, je vous appelle pour le… pour la caution de la box.
A Oui, je vous écoute.
C J'ai rendu l'ancienne box quand j'ai résilié en mai, je l'ai déposée en relais colis.
A D'accord. Votre numéro client s'il vous plaît ?
C {cid}.
A Je vois bien la réception de l'équipement le 22 mai.
C Voilà. {{Et le dépôt de garantie de 75 euros devait m'être remboursé, je l'ai jamais eu.}}
A Je regarde, un instant.
H 40
A Le remboursement a été envoyé par chèque le 10 juin à votre ancienne adresse.
C Ah mais j'ai déménagé, c'est pour ça que j'ai résilié !
A Je comprends. Le chèque n'a pas été encaissé, je peux l'annuler et refaire un virement.
C Oui faites ça.
A Il me faut votre IBAN.
C [[FR76 1751 5900 0008 1234 5678 938]].
A Merci, le virement part sous 15 jours.
C D'accord, merci beaucoup.

=== drv=refund_missing lang=en fmt=raw q=Mobile
thank you for calling Lumio, this is {ag}, how can I help
hi yes, I returned a phone within the 14 days and I'm waiting for my money
okay I can help with that. can I have your account number please
it's {cid}
thank you. and your date of birth
fifth of May 1995
thanks. so you sent the phone back when
on the 2nd of August. {{You received it on the 5th but I still haven't had the 329 euros back.}}
right, I can see the return was received and checked… there's a note saying the box was damaged
the box? the phone was perfect, I kept the box in a drawer
it's the packaging, yes. our policy requires it to be intact. let me escalate this to the returns team
so how long
they answer within 72 hours. I'm really sorry about this
okay. please call me back
will do. have a good day
""")
