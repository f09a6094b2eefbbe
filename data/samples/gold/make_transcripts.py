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
            if current["fmt"] == "raw":
                # unlabelled calls are written as they are exported: one turn a
                # line, alternating, agent first
                role = "A" if len(current["turns"]) % 2 == 0 else "C"
                current["turns"].append((role, line))
                continue
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
            found = PII_RE.findall(text)
            text = PII_RE.sub(r"\1", text)
            if call.get("asr") == "1" and role != "H":
                text = asr_flatten(text)
                found = [asr_flatten(p) for p in found]
            pii.extend(found)
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

    planted = list(dict.fromkeys(pii))
    _check(records, labels, planted, calls, taxonomy)
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


def _iban_ok(iban: str) -> bool:
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


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
        compact = p.replace(" ", "")
        if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact) and not _iban_ok(compact):
            raise ValueError(f"planted IBAN {p!r} has a wrong checksum")
        if re.fullmatch(r"\d{13,19}", compact) and not _luhn_ok(compact):
            raise ValueError(f"planted card number {p!r} fails the Luhn check")
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

=== drv=unexpected_charge lang=fr fmt=vtt q=Facturation cust=x3
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
okay. please call me back on [[06 22 91 47 83]]
will do. have a good day
""")

# --- offers -----------------------------------------------------------------
CALLS.append(r"""
=== drv=promo_not_applied lang=fr fmt=cc q=Commercial
I Bienvenue chez Lumio. Pour souscrire une offre, tapez 1. Pour une question sur votre contrat, tapez 2.
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Bon, je vais essayer de faire court. J'ai souscrit la fibre en boutique à Rennes en juillet.
A Très bien.
C Le vendeur m'avait dit 19,99 pendant un an, c'était la promo de l'été.
A D'accord. Votre numéro client s'il vous plaît, pour que je regarde le contrat ?
C {cid}.
A Merci. Et votre date de naissance ?
C 8 août 1975.
A Merci monsieur. Je vous écoute.
C {{Eh ben la promo à 19,99 n'apparaît pas, je suis facturé 34,99 depuis le début.}}
A Je regarde le contrat… effectivement l'offre enregistrée est au tarif standard, sans code promo.
C Ben voilà. Le vendeur a dû oublier de la mettre.
A C'est possible. Vous avez un document de la boutique qui mentionne la promotion ?
C J'ai le bon de commande, oui, c'est marqué dessus à la main.
A Parfait. Je crée une réclamation, vous pourrez l'envoyer en photo en réponse au mail. Le différentiel sera remboursé depuis juillet.
C D'accord. Ça fait quand même 45 euros.
A Je comprends. Je note la priorité. Autre chose ?
C Non, merci.
A Bonne journée monsieur.

=== drv=promo_not_applied lang=fr fmt=ts_plain q=Facturation
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Bonjour, euh, oui. C'est au sujet de l'offre de parrainage.
A Oui ?
C J'ai parrainé ma sœur en mai, elle a pris un forfait chez vous.
A Très bien. Numéro client ?
C {cid}.
A Merci madame. Je vous écoute.
C Et normalement on avait chacune 30 euros de réduction. {{Elle a eu sa réduction, mais moi j'ai toujours rien sur mes factures.}}
A Je vois le parrainage validé le 12 mai. La remise parrain est bien créée mais elle est en attente.
C En attente de quoi ?
A Du troisième mois de votre filleule, c'est dans les conditions. Le troisième mois est passé en août, donc elle aurait dû partir.
C Ben voilà.
A Je la débloque, elle sera sur la prochaine facture. Je suis désolé.
C OK, merci.

=== drv=promo_not_applied lang=en fmt=caller q=Fidélisation
A Good afternoon, Lumio, {ag} speaking, how can I help?
C Hi. I called last month because I wanted to cancel, and the retention guy gave me a discount to stay.
A Okay, let me pull up your account. Your customer ID?
C {cid}.
A Thank you. Can you confirm your full name?
C Sarah O'Connell.
A Thanks Sarah. What's the issue?
C {{He promised me ten euros off every month for a year, but my new bill is exactly the same as before.}}
A Let me check the notes… I can see the call on the 4th. The discount was offered, but it was never added to the account.
C Brilliant.
A I'm sorry. I'll add it now, backdated to this bill, so you'll get 10 euros credited next month as well.
C And it's definitely for twelve months?
A Yes, twelve months, you'll see it as loyalty discount on the bill. I'll email you the confirmation.
C Please do, to [[s.oconnell1987@gmail.com]], I don't want to call again.
A Understood. Anything else?
C No, thanks.

=== drv=promo_not_applied lang=fr fmt=raw asr=1 q=Accueil
lumio bonjour {ag} à l'appareil
bonjour madame euh voilà je vous appelle pour la promo sur le téléphone
oui quelle promo exactement
l'iphone à 1 euro avec le forfait 100 go là
d'accord vous avez votre numéro client
oui c'est {cid}
merci monsieur et le code postal
31000
merci je vous écoute
{{on m'a débité 149 euros pour le téléphone alors que c'était censé être 1 euro}}
je regarde la commande alors vous avez pris le forfait 100 giga mais sans engagement
ben oui on m'a pas dit que fallait un engagement
l'offre à 1 euro est réservée à l'engagement 24 mois c'est écrit sur le site
mais le vendeur il a tout fait au téléphone
je peux passer le forfait en engagement 24 mois et demander le remboursement de la différence
bon ben faites ça
c'est noté vous recevrez un mail pour signer l'avenant
d'accord merci

=== drv=promo_not_applied lang=en fmt=json_role q=Commercial
I Welcome to Lumio.
A Lumio sales, {ag} here, how can I help?
C Hi, yes, I saw your ad for the fibre offer, six months free, and I signed up online.
A Great, welcome to Lumio. What can I do for you?
C Well, I've just had my first bill, for the full price, 29.99.
A Let me check. Customer ID please?
C {cid}.
A Thank you. Yes, I can see the fibre plan started on the 14th.
C {{So where are my six free months?}}
A The offer code was not entered during the online order, so the system didn't apply it.
C There was no box to enter a code! It just said the offer was included.
A I understand, that happens when the promotion page expires during the order. I'll apply it manually.
C So this bill will be refunded?
A Yes, it'll be cancelled and you won't pay anything until the seventh month.
C Okay, good. Thank you.

=== drv=promo_not_applied lang=fr fmt=vtt q=Commercial
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Oui bonjour. Je suis client depuis quinze ans chez vous, hein, je le dis tout de suite.
A Merci de votre fidélité. Comment puis-je vous aider ?
C Alors j'ai reçu un courrier pour les clients fidèles, avec une remise sur l'option TV.
A Oui, l'offre fidélité de la rentrée.
C Voilà. J'ai appelé, on m'a dit c'est fait. {{Et la remise fidélité de 5 euros n'est toujours pas sur ma facture.}}
A Je vais regarder. Votre numéro client ?
C Attendez… {cid}.
A Merci. Je vois… l'option TV a été résiliée et resouscrite, mais sans la remise.
C Ah ben bravo.
A Je vous ajoute la remise maintenant et je rembourse les deux mois.
C Bon, merci.

=== drv=plan_change lang=fr fmt=tc q=Commercial
A Lumio bonjour, {ag} à l'appareil.
C Bonjour madame. J'ai demandé à changer de forfait il y a trois semaines.
A D'accord. Vous pouvez me donner votre numéro de ligne ou votre numéro client ?
C Le numéro client c'est {cid}.
A Merci. Vous êtes monsieur Lucas Fontaine ?
C Oui.
A Qu'est-ce qui ne va pas avec le changement ?
C {{J'ai demandé à passer au forfait 20 Go à 9,99 et je suis toujours sur le 80 Go à 19,99.}}
A Je vois la demande du 2 septembre… elle est en statut « annulée ».
C Annulée par qui ? Pas par moi.
A Apparemment le changement est bloqué parce que vous avez un téléphone en paiement échelonné lié au forfait.
C Personne m'a dit ça !
A Je suis désolée. Je peux faire le changement mais l'échelonnement doit rester sur un forfait d'au moins 20 euros.
C Mais c'est n'importe quoi.
A Je comprends. Sinon vous pouvez solder le téléphone, il reste 84 euros, et je fais le changement aujourd'hui.
C Bon, je vais réfléchir. Rappelez-moi au [[06 44 19 72 38]] si vous avez une autre solution.

=== drv=plan_change lang=en fmt=ac q="Support Mobile" cust=x1
A Lumio, {ag} speaking, how can I help you?
C Hi, I think I'm on the wrong plan.
A Okay, let's have a look. Customer ID?
C {cid}.
A Thank you. And your date of birth?
C Nineteenth of January 2001.
A Thanks. What makes you think it's the wrong plan?
C {{I upgraded to the unlimited data plan in the app last week, but I still got a text saying I've used 90 percent of my data.}}
A Let me check… the upgrade is scheduled for your next billing cycle, on the 1st.
C The app said immediately.
A There are two options in the app, immediate or next cycle, and it was next cycle that was ticked.
C I definitely didn't tick that.
A I can move it to immediate now. There's a pro-rata charge of 6 euros for the rest of the month.
C Fine, do it, I need the data.
A Done, it's active within ten minutes.
C Thanks.

=== drv=plan_change lang=fr fmt=json_speaker q=Accueil
I Bienvenue chez Lumio, votre appel va être transféré à un conseiller.
A Lumio bonjour, {ag}.
C Bonjour monsieur. Euh, voilà, j'ai rajouté l'option internationale le mois dernier.
A Oui ?
C Pour appeler ma famille au Maroc.
A D'accord. Vous avez votre numéro client ?
C Oui c'est {cid}.
A Merci madame.
C {{On m'a mis l'option Europe au lieu de l'option Maghreb, et du coup j'ai payé tous mes appels.}}
A Je vois l'option Europe ajoutée le 9. Vous l'aviez demandée par téléphone ?
C Oui, à un de vos collègues.
A D'accord. Je remplace par l'option Maghreb et je demande un geste sur les appels facturés.
C Ça fait 46 euros quand même.
A Je transmets la demande de remboursement des 46 euros, réponse sous 48 heures.
C Merci beaucoup.

=== drv=roaming_charges lang=en fmt=ts_br q="English Desk"
I Thank you for calling Lumio. For English, press 9.
A Hi, you're through to {ag} at Lumio. How can I help?
C Hi. I've just come back from holiday in Morocco and, uh, I had a text saying my bill is at 380 euros.
A Oh dear, let me look into that. Can I take your customer ID?
C {cid}.
A Thank you. And the postcode on the account?
C 75011.
A Thank you. So I can see roaming data charges from the 12th to the 19th.
C {{I bought the roaming pass before I left, so I shouldn't have been charged for data at all.}}
A Let me check the pass. Yes, I see a Travel Pass, but it's the Europe pass, and Morocco isn't in Europe zone.
C The website listed Morocco in the pass!
A It's in the World pass, not the Europe one. I'm sorry about the confusion.
C This is ridiculous, nobody would understand that.
A I hear you. We also should have cut the data at 50 euros, which didn't happen. Let me speak to my manager.
H 120
A Thanks for holding. We'll cap the charges at 50 euros and refund the rest.
C Okay. That's reasonable. Thanks.
A You'll see it on the next bill. Anything else?
C No.

=== drv=roaming_charges lang=fr fmt=cc q=Facturation
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Je suis en Espagne en ce moment et j'ai plus internet sur le portable.
A D'accord. Vous avez votre numéro client ?
C Euh non, mais mon numéro c'est le [[07 81 22 45 90]].
A Merci. Votre nom s'il vous plaît ?
C Mathilde Roche.
A Merci madame Roche. Je vois que l'itinérance est activée.
C {{Normalement mon forfait inclut 15 Go en Europe, et là mon téléphone me dit que j'ai plus de données depuis que je suis arrivée.}}
A Je vois un blocage, vous avez atteint le plafond de hors forfait de 0 euros. La consommation est décomptée comme hors Europe.
C Pourquoi ? Je suis à Barcelone !
A Votre téléphone s'est accroché à un réseau maritime, probablement sur le ferry. Ça a déclenché le blocage.
C Ah oui, j'ai pris le bateau, c'est vrai.
A Je lève le blocage et j'annule les 18 euros de hors forfait maritime.
C Merci, c'est gentil.
A Bonnes vacances madame Roche.

=== drv=roaming_charges lang=en fmt=names q="English Desk" ag=Priya cn="Mr Walsh"
A Thank you for calling Lumio, this is Priya, how can I help?
C Hello, this is David Walsh. I'm abroad at the moment, in Canada.
A Hello Mr Walsh. What can I do for you?
C I activated your Canada roaming pack, 20 GB, on the app, and I was charged for it.
A Okay.
C {{But the pack isn't working, my phone says no data and I'm being charged per megabyte instead.}}
A Let me check. Can you confirm your customer ID please?
C {cid}.
A Thanks. I can see the pack is active since yesterday 14:02.
C Then why is it charging me?
A The data used before 14:02 was charged at the standard rate, about 12 euros. Since then it's inside the pack.
C But my phone still says no data.
A Could you try turning airplane mode on and off? Sometimes the phone needs to re-register.
C Okay, hang on… Oh, now it works.
A Great. And I'll refund the 12 euros as the pack was bought before you landed.
C Thank you, that's kind.

=== drv=roaming_charges lang=fr fmt=json_participant q=Technique
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Ouais bonjour, euh… j'ai reçu un SMS comme quoi j'ai 60 euros de hors forfait.
A D'accord. Numéro client s'il vous plaît ?
C {cid}.
A Merci. Je vois des appels depuis la Suisse, le 3 et le 4 octobre.
C Oui j'étais à Genève pour le travail.
A La Suisse ne fait pas partie de l'Union européenne, donc les appels n'y sont pas inclus.
C {{Mais vous m'avez facturé 60 euros pour deux jours à Genève, c'est abusé !}}
A Je comprends. C'est le tarif Zone 2. Je peux vous proposer le Pass Suisse pour vos prochains séjours.
C Et pour les 60 euros ?
A Je peux faire un geste de 50 % à titre exceptionnel.
C Bon… d'accord.

=== drv=roaming_charges lang=en fmt=ac q=Facturation cust=x1
A Lumio, {ag} speaking.
C Hi. I'm calling about roaming in the UK.
A Sure, what's the problem?
C I'm a French customer but I work in London one week a month.
A Okay.
C {{Since Brexit you charge me roaming in the UK and the bill is sixty, seventy euros extra every month.}}
A Let me see. Customer ID please?
C {cid}.
A Right, yes, UK data is charged per GB outside the Europe zone now.
C Is there a plan with the UK included?
A Yes, the Voyage plan includes the UK and Switzerland, 5 euros more than yours.
C Okay, switch me to that one.
A Done. It starts today.
C Great, thanks.
""")

# --- network ----------------------------------------------------------------
CALLS.append(r"""
=== drv=no_mobile_signal lang=fr fmt=cc q="Support Mobile"
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour monsieur. Euh, je vous appelle depuis le fixe de ma voisine, parce que chez moi ça capte pas.
A Ah, d'accord. Vous avez votre numéro client ?
C Non, mais mon numéro de portable c'est le [[06 39 98 12 04]].
A Merci. Vous êtes madame Josiane Bertrand ?
C Oui c'est ça.
A Qu'est-ce qui se passe exactement madame Bertrand ?
C {{Depuis une quinzaine de jours j'ai plus du tout de réseau dans ma maison, zéro barre.}} Dehors dans le jardin des fois j'ai une barre.
A Vous habitez toujours au 12 chemin des Vignes à Saint-Sulpice ?
C Oui.
A Je vois qu'il y a des travaux sur l'antenne de votre secteur jusqu'au 30 septembre.
C Et on prévient pas les gens ?
A Normalement un SMS a été envoyé. En attendant, vous avez la box Lumio chez vous ?
C Oui.
A Je peux activer les appels wifi sur votre téléphone, vous pourrez appeler par la box.
C Ah ben si ça marche, oui.
A Je vous envoie un SMS avec la marche à suivre. Et je vous offre une semaine d'abonnement pour la gêne.
C Merci monsieur, c'est gentil.
A Je vous en prie, bonne journée.

=== drv=no_mobile_signal lang=fr fmt=vtt q=Technique
I Bienvenue chez Lumio. Pour un problème de réseau mobile, tapez 2.
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour madame. Alors c'est un problème de réseau au boulot.
A D'accord, je vous écoute.
C Je travaille dans un entrepôt à Gennevilliers, {{et depuis que j'ai changé pour Lumio je capte rien au travail, je rate tous mes appels.}}
A Je comprends. Vous avez votre numéro client ?
C {cid}.
A Merci. Vous pouvez me donner l'adresse de l'entrepôt ?
C C'est rue du Port, au bout de la zone industrielle.
A Je regarde la carte de couverture… la zone est couverte en extérieur, mais en intérieur c'est faible, surtout dans les bâtiments métalliques.
C Ah ben c'est pas marqué sur le site ça.
A Je vais faire un signalement technique pour la zone. Vous pouvez aussi activer la 4G+ et les appels wifi si l'entrepôt a du wifi.
C On a pas le droit au wifi.
A Je comprends. Dans ce cas le signalement est la seule solution, les équipes réseau répondent sous 15 jours.
C Bon. Et si ça change pas, je peux partir sans frais ?
A Je ne peux pas vous le garantir, mais si le problème est confirmé, oui, c'est possible.
C D'accord. Merci.

=== drv=no_mobile_signal lang=en fmt=caller q="English Desk"
A Thank you for calling Lumio, how can I help?
C Hi, um, I can't really hear you, can you hear me?
A Yes, I can hear you. How can I help?
C Sorry, I'm outside, it's the only place I get signal. {{I have no signal at all inside my flat since about a week.}}
A I'm sorry to hear that. What's your customer ID?
C {cid}.
A And your postcode?
C 33000. Bordeaux centre.
A Thank you. I can see a mast fault reported near you on the 3rd, they're working on it.
C How long?
A The estimate is five to seven days.
C Seven more days? I work from home, I need my phone.
A I understand. I can turn on wifi calling for you, and give you 10 GB extra once it's fixed.
C Okay, let's do that.
A Done. Restart your phone and you'll see wifi calling in the settings.
C Thanks.

=== drv=no_mobile_signal lang=fr fmt=json_speaker q=Accueil
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C bonjour euh j'appelle parce que mon téléphone il marche plus bien
A D'accord, qu'est-ce qui ne marche pas ?
C {{en fait je capte plus la 4G depuis la mise à jour j'ai que la 2G ou rien}}
A Vous avez votre numéro client ?
C c'est {cid}
A Merci madame. Ça fait combien de temps ?
C depuis vendredi
A Quel téléphone vous avez ?
C un samsung a 13
A Il y a un problème connu avec la dernière mise à jour. Vous pouvez aller dans réglages, connexions, réseaux mobiles ?
C attendez… oui
A Mode réseau, choisissez 5G/4G/3G/2G automatique.
C ah c'était sur 2G seulement
A Voilà. Vous devriez retrouver la 4G dans une minute.
C ah oui ça remonte merci beaucoup

=== drv=no_mobile_signal lang=en fmt=ts_plain q="Support Mobile"
A Lumio support, {ag} here. How can I help?
C Yes hello. I just moved to a village near Annecy and, um, it's a bit embarrassing, I can't get any calls.
A Oh no. Let me check the coverage there. What's your customer ID?
C {cid}.
A Thanks. And the new address?
C 4 route du Lac, Talloires.
A Okay. So what exactly happens when you try to call?
C {{The phone says no service in the house, and outside it's one bar and calls drop after a minute.}}
A Right. Talloires has only 2G coverage from us in the valley part. I'm sorry, the map shows that.
C Nobody told me when I moved.
A We can offer a femtocell, a small antenna plugged into your internet box.
C I have a Lumio box, yes.
A Then it's free. I'll send one, it arrives in three days.
C Okay, thank you.

=== drv=no_mobile_signal lang=fr fmt=raw q=Réseau
lumio bonjour vous êtes en ligne avec {ag}
oui bonjour madame c'est pour un problème de réseau sur mon portable
je vous écoute
{{ça capte plus du tout dans le bourg depuis l'orage de mardi}} et les voisins c'est pareil ceux qui sont chez vous
vous êtes où exactement
à plouarzel dans le finistère
je regarde oui il y a un incident sur le site de plouarzel suite à un impact de foudre
ah ben voilà
les techniciens interviennent jeudi la remise en service est prévue jeudi soir
d'accord bon ben on attendra
je vous mets une note vous recevrez un SMS quand c'est rétabli
merci bonne journée
=== drv=internet_outage lang=fr fmt=cc q=Technique k=io1 ag=Mehdi
I Bienvenue chez Lumio. Un incident est en cours dans certains départements. Pour un problème technique, tapez 2.
A Lumio assistance technique, Mehdi, bonjour.
C Bonjour monsieur. Alors voilà, {{depuis hier soir on n'a plus internet ni la télé, la box clignote rouge.}}
A D'accord, je vais regarder. Votre numéro client ou le numéro de la ligne fixe ?
C Le numéro client c'est {cid}.
A Merci. Vous êtes madame Isabelle Caron ?
C Oui.
A Pouvez-vous me lire ce qui est écrit sur l'écran de la box ?
C Euh… « synchronisation en cours », et puis ça clignote.
A Vous avez déjà essayé de la redémarrer ?
C Oui, trois fois, et débranché une demi-heure.
A Je lance un test de ligne, ne quittez pas.
H 55
A Le test montre une coupure de la fibre entre chez vous et le point de mutualisation. Ce n'est pas votre box.
C Et c'est réparé quand ?
A J'ouvre un ticket d'incident. Le délai de rétablissement est de 72 heures en général.
C 72 heures ! Je télétravaille, moi.
A Je comprends. Je peux vous activer 100 Go de partage de connexion sur votre mobile en attendant.
C Bon, c'est mieux que rien.
A C'est fait. Vous recevrez un SMS quand le ticket est clos.
C Merci.

=== drv=internet_outage lang=fr fmt=tc rep=io1 q=Technique
I Bienvenue chez Lumio.
A Lumio bonjour, {ag} à l'appareil.
C Bonjour, oui, c'est madame Caron, j'ai appelé il y a trois jours pour une coupure.
A Bonjour madame Caron. Vous avez votre numéro client ?
C {cid}.
A Merci. Je vois le ticket ouvert. Qu'est-ce qui se passe ?
C Ben rien, justement ! {{On n'a toujours pas internet, ça fait quatre jours maintenant.}}
A Je vois que le technicien réseau est passé hier sur le point de mutualisation, mais le ticket n'est pas clos.
C Il est pas venu chez moi en tout cas.
A Non, l'intervention était dans la rue. Je relance le ticket en priorité et je demande un rappel du service réseau.
C Et les jours sans internet, vous allez les rembourser ?
A Oui, au-delà de trois jours de coupure, un dédommagement est prévu au prorata. Je l'enregistre.
C Bon. Rappelez-moi vite alors.
A Ce sera fait. Bonne journée madame.

=== drv=internet_outage lang=en fmt=ac q=Technique
I Thank you for calling Lumio. We are aware of an incident affecting broadband in parts of Île-de-France.
A Hi, you're through to {ag} at Lumio technical support. How can I help?
C Hi. {{My internet's been completely down since this morning, nothing works.}}
A I'm sorry about that. Did you hear the message about the incident?
C Yeah, but I'm in Lyon, not Paris.
A Okay, then let's check your line. Customer ID please?
C {cid}.
A Thank you. Can you tell me what the lights on the box are doing?
C The power light is on, and the internet light is off.
A Right. I'm running a test now… the line itself is fine. Could you check the fibre cable at the back of the box?
C Hang on… oh. It's loose. The cleaner must have moved the box.
A Push it in until it clicks, and give it two minutes.
C Okay… it's coming back. Oh, it's on.
A Perfect. Anything else today?
C No, sorry for wasting your time.
A Not at all, have a nice day.

=== drv=internet_outage lang=fr fmt=ts_br q=Accueil
A Service client Lumio, {ag} à votre écoute.
C Oui, bonjour. Je vous appelle pour mon père, il a quatre-vingt-sept ans.
A D'accord.
C {{Il a plus de téléphone fixe ni internet depuis samedi, et il a la téléassistance branchée dessus.}}
A Je comprends, c'est important. Vous avez son numéro client ?
C Oui, {cid}. Au nom de René Faure.
A Vous êtes autorisée sur le compte ?
C Je suis sa fille, Valérie Faure, je suis marquée comme contact.
A Oui je vous vois. Je lance un test… la box ne répond pas du tout.
C Il a dit qu'elle était éteinte.
A Est-ce que quelqu'un peut vérifier qu'elle est bien branchée ? Sinon c'est peut-être l'alimentation.
C J'y suis passée hier, elle s'allume pas du tout.
A Alors c'est le bloc d'alimentation ou la box. J'envoie une box de remplacement en express, elle arrive demain.
C Et la téléassistance en attendant ?
A Je mets le dossier en priorité personne fragile. Vous pouvez aussi renvoyer les appels du fixe vers votre portable.
C Je donne quel numéro ?
A Le vôtre, oui.
C [[06 12 84 33 70]].
A C'est fait. Je suis désolé pour votre père.
C Merci.

=== drv=internet_outage lang=fr fmt=raw asr=1 q=Technique
lumio bonjour {ag} que puis-je faire pour vous
oui bonjour j'ai plus internet
d'accord depuis quand
{{depuis ce matin plus rien la box elle est toute bleue mais rien marche}}
vous avez votre numéro client
euh oui {cid}
merci monsieur la box est toute bleue vous dites
oui la lumière elle est bleue fixe
et le wifi vous le voyez sur votre téléphone
oui le réseau il y est mais ça charge pas
je regarde il y a une panne sur votre secteur à villeurbanne depuis 7 h ce matin
ah ok et c'est réparé quand
les équipes sont sur place ça devrait revenir dans l'après-midi
ok ben merci
de rien bonne journée

=== drv=internet_outage lang=en fmt=srt q="English Desk"
A Lumio, {ag} speaking, how can I help?
C Hello, yes. I'm calling because the TV isn't working.
A I'm sorry to hear that. Is it the TV only or the internet too?
C {{Everything is down, internet, TV and the landline, since the storm last night.}}
A Okay. Can I take your customer ID?
C {cid}.
A Thank you. I can see there's an outage affecting your street. A cable was damaged by a fallen tree.
C Right. How long will it be?
A The technicians estimate Thursday.
C Thursday! That's three days.
A I know, I'm sorry. I can add 50 GB to your mobile so you can share the connection.
C Yes please.
A Done. We'll also credit the days without service on your next bill.
C Fine. Thanks.

=== drv=internet_outage lang=fr fmt=json_role q=Accueil
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Bonjour, euh… écoutez, ça fait deux fois cette semaine.
A Je vous écoute.
C {{La connexion internet tombe complètement tous les soirs vers 20 heures, pendant une heure, plus rien.}}
A D'accord. Complètement, la box perd la synchronisation ?
C Oui, le voyant internet s'éteint.
A Vous avez votre numéro client ?
C {cid}.
A Merci. Je vois effectivement des pertes de synchronisation tous les soirs cette semaine.
C Voilà.
A Il y a des travaux de nuit sur le réseau dans votre commune, mais normalement c'est après minuit. Je fais un signalement.
C Et moi je fais quoi ?
A Je vous rappelle jeudi avec le retour de l'équipe réseau.
C D'accord, merci.

=== drv=internet_outage lang=en fmt=names q=Technique ag=James cn="Mrs Patel"
A Lumio technical support, James speaking.
C Hi James. This is Anjali Patel. I work from home and my internet has gone.
A Hello Mrs Patel. I'm sorry to hear that. Can you confirm your customer number?
C {cid}.
A And your date of birth?
C 3rd of December 1984.
A Thank you. When did it stop?
C {{About an hour ago, the box restarted on its own and now there's no internet at all.}}
A The box may be updating. Is the front display showing a percentage?
C No, it says error 17.
A Error 17 means the box can't authenticate. I'll reset your profile from here, bear with me.
H 30
A Done. Could you restart the box once more?
C Okay… it's rebooting… right, it's connected now.
A Great. If it happens again, call us and quote error 17.
C Will do, thanks James.
""")

CALLS.append(r"""
=== drv=slow_internet lang=en fmt=ac q=Technique k=si1
A Lumio, this is {ag}. How can I help?
C Hi. Um, it's about my broadband speed. It's terrible.
A I'm sorry to hear that. Customer ID please?
C {cid}.
A Thank you. And the postcode?
C 92100.
A Thanks. Tell me what's happening.
C {{I pay for 1 gig fibre and I get like 15 megabits in the evening, video calls keep freezing.}}
A Are you testing over wifi or with a cable?
C Wifi. The box is in the hallway.
A Wifi speed will always be lower, but not that low. Let me run a line test.
H 45
A The line syncs at full speed, so the issue is inside the home. Your box is on an old firmware.
C Can you update it?
A I've pushed the update, it'll restart tonight at 3 am. Then try again, ideally with a cable.
C Okay, I'll try. You can text me on [[+33 7 52 18 64 09]] if you need anything.

=== drv=slow_internet lang=en fmt=caller rep=si1 q=Technique
I Thank you for calling Lumio.
A Hello, Lumio technical, {ag} speaking.
C Hi. I called a few days ago about slow internet, and, um, it's not better.
A Sorry to hear that. Customer ID?
C {cid}.
A Thank you. I see the call and the firmware update. What speeds are you getting now?
C {{Still around 20 megabits on wifi in the evening, even after the update, and 300 with a cable.}}
A With a cable it's still below what it should be. Do you live in a building?
C Yes, an apartment block.
A Then the wifi channel is probably congested. I can send you a wifi repeater for free, and I'll open a ticket for the cable speed.
C Okay. I just want it to work.
A Understood. The repeater arrives in two to three days, and a technician will call you about the ticket.
C Fine. Thanks.

=== drv=slow_internet lang=fr fmt=cc q=Technique
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Oui bonjour. Alors, j'ai l'ADSL chez vous, en campagne.
A Oui.
C Et depuis un mois, euh… {{internet est hyper lent et ça coupe dix fois par jour.}}
A D'accord. Vous pouvez me donner votre numéro client ?
C {cid}.
A Merci monsieur. Je lance un test de ligne.
H 35
A Je vois beaucoup de resynchronisations, une quarantaine par jour. C'est probablement la ligne cuivre.
C Et la fibre, elle arrive quand chez nous ?
A Votre commune est prévue pour 2027 d'après la carte.
C Super…
A Je peux passer votre ligne en profil stable, ça réduit un peu le débit mais ça arrête les coupures. Et je demande un technicien pour vérifier la ligne.
C Faites le profil stable, déjà.
A C'est fait. Redémarrez la box dans dix minutes.
C D'accord, merci.

=== drv=slow_internet lang=fr fmt=ts_plain q=Accueil
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Oui bonjour madame. Euh, c'est mon fils qui m'a dit d'appeler.
A Très bien, je vous écoute.
C Il dit que {{la connexion rame énormément le soir, il peut plus jouer en ligne ni regarder des vidéos.}}
A D'accord. Vous avez votre numéro client ?
C Ah… attendez, je cherche… c'est {cid}.
A Merci. Vous êtes madame Hélène Marchand ?
C Oui.
A La box est connectée en fibre. Le soir, c'est en wifi ou en câble ?
C Je sais pas, en wifi je crois.
A Je vois que votre box utilise la bande 2,4 GHz seulement. Je peux activer la bande 5 GHz à distance, ce sera plus rapide.
C Si vous le dites…
A C'est fait. Votre fils verra un nouveau réseau qui finit par « 5G ».
C Merci madame, je lui dirai.

=== drv=slow_internet lang=fr fmt=vtt q=Technique
A Lumio bonjour, {ag} à l'appareil.
C bonjour je vous appelle pour un souci de débit
A Oui, dites-moi.
C {{j'ai la fibre 2 giga et les tests de débit me donnent 90 méga max même en ethernet}}
A Votre numéro client s'il vous plaît ?
C {cid}
A Merci. Quel ordinateur vous utilisez pour le test ?
C un portable avec un adaptateur usb ethernet
A Ah, beaucoup d'adaptateurs USB 2 sont limités à 100 mégabits. Le problème vient sans doute de là.
C ah mince je savais pas
A Essayez avec un autre appareil en wifi 6 ou un adaptateur USB 3, et rappelez-nous si ça ne va pas.
C d'accord merci

# --- field ops ----------------------------------------------------------------
=== drv=technician_no_show lang=fr fmt=cc q=Technique k=tn1 cust=mv1
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Alors là je suis pas content du tout.
A Je vous écoute, monsieur.
C {{J'ai pris ma matinée pour le rendez-vous avec le technicien et personne est venu.}}
A Je suis désolé. Vous avez votre numéro client ?
C {cid}.
A Merci. Le rendez-vous était ce matin entre 8 heures et 12 heures pour l'installation de la fibre à votre nouvelle adresse ?
C Oui, et il est 13 heures, j'ai eu personne, pas un appel.
A Je vois que le sous-traitant a marqué « client absent » à 9 h 40.
C Absent ? J'étais là toute la matinée, j'ai pas bougé !
A Je vous crois. Je fais une réclamation contre le sous-traitant et je vous propose un nouveau rendez-vous.
C Le plus tôt possible.
A Jeudi prochain, 13 h – 17 h ?
C D'accord. Et il faudrait qu'il appelle avant cette fois. Mon numéro c'est le [[06 58 11 73 29]].
A C'est noté dans les consignes. Et je vous fais un geste de 20 euros pour le déplacement raté.
C D'accord. Merci.

=== drv=technician_no_show lang=fr fmt=ts_br rep=tn1 q=Accueil
I Bienvenue chez Lumio. Votre temps d'attente est estimé à moins de 5 minutes.
A Lumio bonjour, {ag}.
C Bonjour. C'est encore moi, pour le technicien.
A Pouvez-vous me donner votre numéro client ?
C {cid}.
A Merci. Je vois un rendez-vous aujourd'hui 13 h – 17 h.
C Oui, sauf que {{j'ai reçu un SMS ce midi qui dit que le rendez-vous est annulé, encore une fois !}}
A Je vois, le sous-traitant a annulé faute de technicien disponible.
C C'est la deuxième fois. Ça fait trois semaines que j'ai plus d'internet depuis le déménagement.
A Je comprends votre agacement. Je vais escalader le dossier au responsable de zone.
H 90
A J'ai pu obtenir un créneau prioritaire samedi matin avec un technicien Lumio directement.
C Samedi ça va. Mais s'il vient pas je résilie.
A C'est entendu. Je vous mets aussi un second geste commercial.
C OK. Au revoir.

=== drv=technician_no_show lang=en fmt=json_speaker q="English Desk"
A Lumio, {ag} speaking, how can I help?
C Hi. I had an appointment today for my fibre installation.
A Okay, let me check. What's your customer ID?
C {cid}.
A Thank you. Yes, today between 2 and 6 pm.
C {{It's 7 pm and the technician never showed up, and nobody called me.}}
A I'm so sorry. I can see the appointment is still open, the technician didn't close it.
C So is he coming or not?
A He won't come now, it's too late. I'll rebook it for you. When are you available?
C I work, so it has to be a Saturday.
A The first Saturday is the 18th, morning.
C Fine. And please make sure someone actually comes.
A I'll add a note for a call 30 minutes before. Sorry again.

=== drv=technician_no_show lang=fr fmt=names q=Technique ag=Céline cn="Mme Gauthier"
A Lumio bonjour, Céline à l'appareil.
C Bonjour madame, Sandrine Gauthier. Je vous appelle au sujet de la réparation de ma ligne.
A Bonjour madame Gauthier. Votre numéro client s'il vous plaît ?
C {cid}.
A Merci. Je vois un ticket pour des coupures, et une intervention programmée hier.
C Voilà. {{Le technicien devait venir hier après-midi pour réparer la prise, il est jamais venu.}}
A Je suis désolée. L'intervention apparaît comme reportée par le technicien.
C Reportée à quand ?
A Elle n'a pas été reprogrammée. Je m'en occupe. Vous êtes disponible quand ?
C Lundi ou mardi matin.
A Mardi 8 h – 12 h.
C D'accord.
A C'est confirmé, vous aurez un SMS la veille.

=== drv=technician_no_show lang=fr fmt=json_participant q=Technique
A Lumio, bonjour, {ag} à votre service.
C oui bonjour je vous appelle parce que j'avais un rendez-vous aujourd'hui avec un technicien
A Oui, je vous écoute.
C et ben {{il m'a appelé pour dire qu'il viendrait pas, qu'il avait pas le matériel}}
A D'accord. Votre numéro client ?
C {cid}
A Merci. Je vois une intervention pour le raccordement fibre ce matin, annulée à 10 h 15.
C voilà et on m'a rien proposé d'autre
A Je vous propose le 24 au matin.
C le 24 c'est dans douze jours
A Je suis désolée, c'est le premier créneau disponible dans votre secteur.
C bon ben mettez le 24
A C'est noté, vous aurez la confirmation par SMS.
""")

CALLS.append(r"""
=== drv=installation_delay lang=fr fmt=cc q=Commercial k=id1
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Alors j'ai souscrit la fibre chez vous le 4 juin.
A Oui.
C {{Et on est en août, deux mois plus tard, et je suis toujours pas raccordé.}}
A Je comprends. Votre numéro client s'il vous plaît ?
C {cid}.
A Merci monsieur. Je vois que la commande est bloquée à l'étape « raccordement en attente ».
C En attente de quoi ?
A Le technicien qui est venu le 2 juillet a constaté que le fourreau est bouché entre la rue et votre maison.
C Oui, il m'a dit ça. Il m'a dit que quelqu'un allait venir déboucher.
A C'est ça, c'est une intervention de génie civil par l'opérateur d'infrastructure. Elle n'est pas encore planifiée.
C Et on peut rien faire pour accélérer ?
A Je relance la demande. Le délai habituel est de 4 à 8 semaines, malheureusement.
C Donc je garde mon ADSL chez l'autre opérateur en attendant ?
A Oui, je vous le conseille. Vous ne payez rien chez nous tant que vous n'êtes pas raccordé.
C D'accord.

=== drv=installation_delay lang=fr fmt=srt rep=id1 q=Commercial
A Lumio bonjour, {ag}.
C Bonjour, j'appelle encore pour mon raccordement fibre.
A Votre numéro client ?
C {cid}.
A Merci. Je vois l'appel de lundi. Vous avez eu des nouvelles ?
C {{Non, toujours aucune date pour le raccordement, et on m'a dit que vous relanciez.}}
A La relance est partie mardi. L'opérateur d'infrastructure a répondu qu'il doit obtenir une autorisation de voirie de la mairie.
C La mairie ? Mais c'est interminable !
A Je comprends. Je ne peux pas agir sur ce délai. Je peux vous proposer une box 4G en attendant, sans frais.
C Une box 4G… oui, pourquoi pas.
A Je vous l'envoie. Vous la recevrez sous 72 heures.
C Bon. Merci.

=== drv=installation_delay lang=fr fmt=tc q=Technique
A Lumio bonjour, {ag} à l'appareil.
C Oui bonjour madame. Je vous appelle au sujet de ma commande de fibre.
A Je vous écoute. Votre numéro client ?
C {cid}. Au nom de Martine Vidal.
A Merci madame Vidal.
C On m'a dit que mon immeuble est éligible, j'ai commandé, {{et maintenant on me dit que le raccordement est impossible parce que le syndic n'a pas signé.}}
A Je vois. L'immeuble est éligible, mais la convention avec le syndic n'est pas signée, donc le technicien ne peut pas entrer dans le local technique.
C Mais pourquoi c'était éligible sur votre site alors ?
A Le site indique l'éligibilité de la rue. Je suis désolée, c'est une erreur d'information.
C Et je fais quoi ?
A Vous pouvez demander au syndic de signer la convention, c'est gratuit. Je vous envoie le courrier type par mail.
C À [[martine.vidal@orange.fr]] ?
A Oui, c'est celle que j'ai.
C D'accord.

=== drv=installation_delay lang=en fmt=ts_br q=Commercial
A Lumio, this is {ag}, how can I help you today?
C Hi. I ordered fibre six weeks ago and still nothing.
A I'm sorry about that. Can I take your customer ID?
C {cid}.
A Thank you. Let me look at the order.
C {{The installation was supposed to be done within 2 weeks and I've been waiting for six.}}
A I can see the order is waiting for a free port at the street cabinet. The cabinet is full.
C What does that mean for me?
A It means the network operator has to add capacity. There's no date yet.
C So I could wait months?
A It's possible. I can cancel the order free of charge if you prefer.
C No… I'll wait a bit. But please keep me updated.
A I'll set a reminder to call you in two weeks.
C Thanks. Best number is [[+33 6 83 40 27 15]].

=== drv=installation_delay lang=fr fmt=raw asr=1 q=Accueil
lumio bonjour {ag} que puis-je faire pour vous
bonjour madame euh je vous appelle au sujet de mon installation
oui je vous écoute
on a commandé la fibre au mois de mars pour la maison neuve
vous avez votre numéro client
{cid}
merci monsieur
{{ça fait six mois qu'on attend le raccordement et on nous donne jamais de date}}
je vois que votre adresse n'existait pas encore dans la base au moment de la commande
oui c'est une maison neuve
il faut que l'adresse soit créée par la mairie et ajoutée par l'opérateur de réseau je relance la demande
mais ça fait six mois que vous relancez
je comprends je fais une réclamation écrite en plus
bon

=== drv=installation_delay lang=fr fmt=json_role q=Commercial
A Lumio bonjour, {ag} à l'appareil.
C Bonjour, je voudrais savoir où en est mon raccordement.
A Bien sûr. Votre numéro client ?
C {cid}.
A Merci madame. Votre commande date du 12 août.
C Voilà. {{On m'avait dit trois semaines pour la fibre, là ça fait sept semaines et toujours rien.}}
A Le premier technicien est venu le 2 septembre mais il a signalé que le câble de votre rue n'est pas encore tiré.
C Personne m'a prévenue !
A Je suis désolée. La pose est prévue par l'opérateur d'infrastructure d'ici fin octobre.
C Et après il faut encore attendre un rendez-vous ?
A Oui, mais je mets une consigne pour vous appeler dès que c'est possible.
C D'accord, merci.

=== drv=moving_line lang=fr fmt=cc q=Commercial cust=mv1
I Bienvenue chez Lumio. Pour un déménagement, tapez 3.
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Voilà, je déménage le 15 du mois prochain.
A Félicitations ! Vous voulez transférer votre box à la nouvelle adresse ?
C Oui, c'est ça. {{Je voudrais transférer ma ligne internet à ma nouvelle adresse à Tours.}}
A Très bien. Votre numéro client ?
C {cid}.
A Merci. Quelle est la nouvelle adresse ?
C 27 rue Nationale, à Tours, troisième étage.
A Je vérifie l'éligibilité… l'immeuble est raccordable à la fibre.
C Super.
A Je programme le transfert pour le 15, avec un rendez-vous technicien le matin.
C Parfait.
A Vous garderez votre numéro de fixe. Vous recevrez un mail de confirmation.
C Merci.

=== drv=moving_line lang=fr fmt=ts_plain q=Facturation
A Lumio bonjour, {ag}.
C Bonjour monsieur, euh, c'est un peu compliqué.
A Je vous écoute.
C J'ai déménagé il y a trois semaines. J'ai fait le déménagement de la box sur le site.
A D'accord.
C {{Mais à la nouvelle adresse la ligne marche toujours pas, et je paie encore l'ancienne adresse.}}
A Votre numéro client s'il vous plaît ?
C {cid}.
A Merci. Je vois le transfert demandé le 2, mais il a été créé comme nouvelle souscription et pas comme déménagement.
C Ça change quoi ?
A L'ancienne ligne n'a pas été fermée, et la nouvelle attend un rendez-vous de raccordement qui n'a pas été pris.
C Oh là là.
A Je corrige : je ferme l'ancienne ligne au jour de votre déménagement et je rembourse les factures en double. Et je prends le rendez-vous.
C D'accord, merci.

=== drv=moving_line lang=en fmt=ac q="English Desk"
A Hello, Lumio, {ag} speaking.
C Hi. I'm moving to Marseille in two weeks and I'd like to know what to do with my internet.
A Sure. Can I have your customer ID?
C {cid}.
A Thank you. Do you want to keep Lumio at the new address?
C {{Yes, I want to move my broadband to the new flat, but I need it working on day one, I work from home.}}
A I understand. Let me check the address. What is it?
C 14 boulevard Baille, 13006.
A Fibre is available. The earliest appointment is on the 21st.
C I move on the 18th.
A Then I'll book the 21st and send you a 4G box for the three days in between.
C Perfect, thank you.

=== drv=moving_line lang=fr fmt=json_speaker q=Accueil
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Oui bonjour. On a emménagé à Angers samedi.
A Félicitations. Je vous écoute.
C Merci. Alors j'avais demandé le transfert de la box avant le déménagement, sur l'application.
A D'accord. Votre numéro client ?
C {cid}.
A Merci madame.
C {{Le transfert de la ligne à la nouvelle adresse devait être fait le 6 et on n'a toujours rien, le technicien dit que la demande n'existe pas.}}
A Je vois la demande de transfert, mais elle porte sur l'ancien numéro de rue, le 8 au lieu du 18.
C Ah mince, c'est l'appli qui a complété toute seule.
A Ce n'est pas grave, je corrige l'adresse et je reprends un rendez-vous. Le premier créneau est jeudi.
C Jeudi, d'accord.
A Je vous envoie la confirmation par SMS.
C Très bien, merci.
""")

# --- logistics ----------------------------------------------------------------
CALLS.append(r"""
=== drv=parcel_not_received lang=en fmt=ac q=Logistique k=pn1
A Lumio, {ag} speaking, how can I help?
C Hi, I ordered a new phone on your website last week.
A Okay. Could I have your customer ID or order number?
C Customer ID is {cid}.
A Thank you. I can see the order for an iPhone 15, shipped on the 3rd.
C Yes. {{The tracking has said out for delivery for four days and I still haven't got the parcel.}}
A Let me check with the carrier. Bear with me.
H 70
A The carrier says the parcel is at their depot, the delivery attempt failed because of a wrong code for the building door.
C Nobody called me.
A I'm sorry. Can you give me the door code and a phone number for the driver?
C The code is 4512B, and my mobile is [[+44 7700 900 418]], I still have a UK number.
A Thank you. I've updated it, delivery should be tomorrow.
C Okay, thanks.

=== drv=parcel_not_received lang=en fmt=raw rep=pn1 q=Logistique
thank you for calling Lumio, {ag} speaking
hi I called on Tuesday about my phone delivery
okay, can I have your customer number
{cid}
thanks… yes I see the note. what happened
{{the tracking now says delivered but I never got it, nobody rang, nothing in the mailbox}}
I'm sorry. the carrier shows it was left at a relay point, a tabac on rue Oberkampf
they didn't tell me that
there should be a text with a collection code. did you get one
no nothing
I'll open an investigation with the carrier and resend the code to your email
how long does that take
usually 48 hours. if it's lost we send a new phone
okay. thanks

=== drv=parcel_not_received lang=fr fmt=cc q=Accueil
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. J'attends ma box depuis dix jours.
A D'accord. Votre numéro client ?
C {cid}.
A Merci monsieur. Je vois l'envoi du 14, un colis Colissimo.
C {{Le suivi du colis est bloqué depuis une semaine sur « en cours d'acheminement ».}}
A En effet, aucun mouvement depuis le 16. Au-delà de 8 jours, le colis est considéré comme perdu.
C Donc ma box est perdue ?
A Oui. Je vous en renvoie une aujourd'hui, en express.
C Et mon rendez-vous technicien, il est jeudi.
A La nouvelle box arrivera mercredi, c'est bon.
C Ah, ouf. Merci.

=== drv=parcel_not_received lang=fr fmt=vtt q=Logistique
I Bienvenue chez Lumio. Pour suivre votre commande, tapez 4.
A Lumio bonjour, {ag} à l'appareil.
C Oui bonjour, alors voilà, j'ai commandé une carte SIM pour mon fils.
A Je vous écoute.
C {{On a reçu l'enveloppe mais elle était vide, pas de carte SIM dedans.}}
A Ah, c'est embêtant. Votre numéro client s'il vous plaît ?
C {cid}.
A Merci. L'enveloppe était ouverte ?
C Déchirée sur le côté, oui.
A Je vais bloquer la carte SIM envoyée, par sécurité, et en renvoyer une nouvelle.
C D'accord. Ça sera long ?
A Deux à trois jours ouvrés.
C Très bien, merci.

=== drv=parcel_not_received lang=fr fmt=json_participant q=Commercial
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C oui bonjour euh j'ai une question sur ma commande de téléphone
A Bien sûr. Numéro client ou de commande ?
C le numéro client c'est {cid}
A Merci madame. Je vois une commande du 20 septembre.
C voilà {{le colis est marqué livré en point relais mais le point relais il dit qu'il l'a pas}}
A Je vois. Le transporteur indique une livraison au relais « Presse du Marché » le 23.
C oui j'y suis allée deux fois ils disent que c'est pas chez eux
A Je fais une enquête auprès du transporteur. Si le colis n'est pas retrouvé sous 5 jours, on vous renvoie le téléphone.
C d'accord
A Vous aurez un mail avec le numéro de l'enquête.
C merci

=== drv=equipment_return lang=fr fmt=cc q=Résiliation cust=x3
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. J'ai résilié ma box en septembre.
A D'accord.
C {{Je dois vous renvoyer l'ancienne box mais j'ai jamais reçu l'étiquette de retour.}}
A Je regarde. Votre numéro client ?
C {cid}.
A Merci madame. L'étiquette a été envoyée par mail le 18 septembre.
C Je l'ai pas reçue. J'ai regardé dans les spams.
A À quelle adresse ? J'ai une adresse en hotmail.
C Non, c'est [[celine.bonnet@laposte.net]] maintenant.
A Je mets à jour et je renvoie l'étiquette. Vous avez jusqu'au 30 novembre pour le dépôt.
C Sinon je paie combien ?
A La box non rendue est facturée 150 euros.
C Je la dépose cette semaine alors.

=== drv=equipment_return lang=fr fmt=names q=Facturation ag=Romain cn="M. Lefèvre"
A Lumio bonjour, Romain à l'appareil.
C Bonjour, Jean-Pierre Lefèvre. J'ai reçu une facture de 150 euros.
A Bonjour monsieur Lefèvre. Votre numéro client ?
C {cid}.
A Merci. Je vois une facture de matériel non restitué, le décodeur TV.
C {{Mais je l'ai renvoyé, le décodeur, je l'ai déposé à la poste le 2 octobre et vous me le facturez quand même.}}
A Vous avez gardé le récépissé de dépôt ?
C Oui, j'ai le numéro de suivi.
A Vous pouvez me le donner ?
C 6A 1924 5587 321.
A Merci, je vois qu'il a été livré à l'entrepôt le 7, mais il n'a pas été scanné à l'arrivée.
C Donc c'est votre faute.
A Oui, je vous prie de nous excuser. J'annule la facture de 150 euros.
C Très bien, merci.

=== drv=equipment_return lang=en fmt=json_role q="English Desk"
A Lumio, {ag} here, how can I help?
C Hi. I've cancelled my contract, and I need to return the router.
A Okay. Customer ID?
C {cid}.
A Thank you. What's the problem with the return?
C {{The return label you emailed is for a relay point that closed down, and the next one is 40 km away.}}
A I see. I can send you a label for La Poste instead, you can drop it at any post office.
C That's much better.
A Done, check your email in a few minutes.
C Got it. Thanks.

=== drv=equipment_return lang=fr fmt=raw asr=1 q=Accueil
lumio bonjour {ag} à votre écoute
bonjour madame c'est pour rendre le matériel
oui vous avez résilié
oui la semaine dernière
d'accord vous avez votre numéro client
c'est {cid}
merci
{{j'ai deux boîtiers à rendre la box et le répéteur wifi et y a qu'une seule étiquette}}
alors le répéteur vous pouvez le mettre dans le même carton que la box
ah d'accord et si ça rentre pas
je peux vous envoyer une deuxième étiquette
ben oui envoyez-en une deuxième par précaution
c'est fait bonne journée monsieur
""")

# --- digital ------------------------------------------------------------------
CALLS.append(r"""
=== drv=password_reset lang=en fmt=ac q=Accueil k=pr1
A Thank you for calling Lumio, this is {ag}, how can I help?
C Hi. I'm locked out of my online account.
A Okay, I can help. What's your customer ID?
C {cid}.
A Thanks. And your date of birth?
C 11th of April 1992.
A Thank you. What happens when you try to log in?
C {{I clicked forgot password like five times and the reset email never arrives.}}
A Which email address are you checking?
C [[tom.baker.92@outlook.com]].
A I see a different address on the account, an old work one.
C Oh, that's my old job. Can you change it?
A Yes. I've updated it and sent a new reset link.
C Okay, I'll check later, I'm on the bus.
A No problem, the link is valid for 24 hours.

=== drv=password_reset lang=en fmt=caller rep=pr1 q=Technique
A Lumio, {ag} speaking, how can I help?
C Hi, I called a couple of days ago, I'm still locked out of my account.
A Sorry about that. Customer ID?
C {cid}.
A Thanks. I see my colleague updated the email. Did you get the link?
C {{Yes, I got the link, but when I click it it says the link has expired, every time.}}
A That happens if the link is opened after 24 hours or clicked twice by an email security scanner.
C It's an Outlook address.
A Outlook sometimes pre-opens links. I'll send a reset code by text instead.
C Okay. To my mobile?
A Yes, the one ending in 418?
C No, that's old too. It's [[07 69 42 18 57]].
A Updated. You should have the code now.
C Got it… yes, I'm in. Finally.

=== drv=password_reset lang=fr fmt=tc q=Accueil cust=x2
A Lumio bonjour, {ag} à l'appareil.
C Bonjour madame, j'arrive plus à accéder à mon espace client.
A D'accord. Vous avez votre numéro client ?
C {cid}.
A Merci. Vous êtes madame Odile Perret ?
C Oui.
A Que se passe-t-il quand vous essayez de vous connecter ?
C {{Je demande le code par SMS pour réinitialiser le mot de passe et je reçois jamais le SMS.}}
A Le code part sur le numéro 06 terminant par 44. C'est le bon ?
C Non, c'est mon ancien numéro, j'ai changé de téléphone.
A Je comprends. Je vous envoie le lien par mail, sur [[odile.perret@free.fr]] ?
C Oui c'est ça.
A C'est parti. Et une fois connectée, pensez à mettre à jour votre numéro.
C Merci beaucoup.

=== drv=password_reset lang=fr fmt=ts_br q=Technique
A Lumio bonjour, {ag} à votre écoute.
C oui bonjour euh j'ai un problème avec le compte sur internet
A Je vous écoute.
C {{j'ai voulu changer mon mot de passe et maintenant le compte est bloqué, ça dit trop de tentatives}}
A D'accord. Votre numéro client ?
C {cid}
A Merci. Le compte est verrouillé pour 24 heures après cinq tentatives. Je peux le débloquer.
C oui s'il vous plaît
A C'est fait. Vous allez recevoir un lien de réinitialisation.
C d'accord merci

=== drv=app_login_bug lang=fr fmt=cc q=Technique cust=x2
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. C'est pour l'application Lumio sur le téléphone.
A D'accord.
C {{Depuis la mise à jour l'application se ferme toute seule dès que j'essaie de me connecter.}}
A Vous êtes sur iPhone ou Android ?
C Android, un Xiaomi.
A Vous avez votre numéro client ?
C {cid}.
A Merci. Il y a un problème connu avec la version 6.2 sur certains Android. Un correctif sort la semaine prochaine.
C Et en attendant ?
A Vous pouvez passer par le site lumio.fr depuis le navigateur, tout y est.
C Bon… d'accord.

=== drv=app_login_bug lang=fr fmt=srt q=Facturation
A Lumio bonjour, {ag}.
C Bonjour monsieur. J'ai besoin de ma facture pour la CAF.
A D'accord.
C {{Sur l'espace client quand je clique sur mes factures ça fait une erreur 500, j'ai jamais pu les télécharger.}}
A Je suis désolé. Votre numéro client ?
C {cid}.
A Merci. Il y a un incident sur l'affichage des factures depuis hier. Je peux vous envoyer la facture par mail.
C Oui, s'il vous plaît.
A Laquelle ?
C Celle de septembre.
A C'est envoyé.
C Merci.

=== drv=app_login_bug lang=en fmt=ts_plain q="English Desk"
A Lumio, {ag} speaking, how can I help?
C Hi, um, I can't log into the app.
A Okay. What happens?
C {{I put in my password and it just says an error occurred, try again later, for three days now.}}
A Customer ID please?
C {cid}.
A Thanks. Is your password working on the website?
C Yes, the website works.
A Then it's the app. Please delete it and reinstall it, there's a known issue with an old login token.
C Okay. Hold on… yes, it works now.
A Great. Anything else?
C No, thanks.

# --- provisioning -------------------------------------------------------------
=== drv=sim_activation lang=fr fmt=cc q="Support Mobile"
I Bienvenue chez Lumio. Pour activer votre carte SIM, tapez 1.
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. J'ai reçu ma carte SIM hier.
A Très bien.
C {{Je l'ai mise dans le téléphone mais elle est toujours pas activée, ça marque « pas de service ».}}
A Votre numéro client ?
C {cid}.
A Merci. Je vois que la carte est en attente de votre pièce d'identité.
C Je l'ai envoyée en photo sur le site.
A Elle a été refusée parce qu'elle est floue. Vous pouvez la renvoyer ?
C Oui, je peux le faire maintenant.
A Parfait. L'activation se fait dans les deux heures après validation.
C D'accord. Merci.

=== drv=sim_activation lang=en fmt=names q="Support Mobile" ag=Chloe cn="Mr Novak"
A Lumio, this is Chloe, how can I help?
C Hi Chloe. Tomas Novak. I'm trying to set up an eSIM.
A Sure. What's happening?
C {{The QR code you sent doesn't work, my phone says this code is no longer valid.}}
A Let me check. Customer ID?
C {cid}.
A Thanks. The QR code was already scanned once, on the 9th. Did you try it on another phone?
C Yes, my old phone, by mistake.
A That's why. Each code works only once. I'll generate a new one. It costs 10 euros normally, but I'll waive it.
C Thanks.
A Sent to your email. Scan it only on the new phone.
C Got it. It works.

=== drv=sim_activation lang=fr fmt=json_speaker q=Accueil
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Bonjour. J'ai un nouveau forfait chez vous depuis lundi.
A Bienvenue chez Lumio.
C Merci. Mais {{ma nouvelle SIM ne marche pas, je peux ni appeler ni recevoir depuis trois jours.}}
A Votre numéro client ?
C {cid}.
A Merci madame. L'activation est bloquée parce que le code PUK a été demandé. Vous avez saisi un mauvais code PIN ?
C Euh… peut-être trois fois oui.
A Le code PUK est sur le support de la carte. Sinon je vous le donne.
C Donnez-le moi.
A Je vous l'envoie par mail.
C Merci.

=== drv=sim_activation lang=fr fmt=raw q="Support Mobile"
lumio bonjour {ag} à l'appareil
oui bonjour j'ai changé de carte SIM parce que la mienne était abîmée
d'accord vous avez votre numéro client
c'est {cid}
merci et la nouvelle carte elle marche
non justement {{la nouvelle carte SIM est toujours pas active depuis avant-hier et l'ancienne marche plus}}
je vois la demande de remplacement elle est en attente je la valide maintenant
ça va marcher quand
d'ici une heure redémarrez le téléphone
d'accord merci
""")

CALLS.append(r"""
=== drv=number_porting lang=fr fmt=cc q=Commercial k=np1
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. J'ai souscrit un forfait chez vous en gardant mon numéro.
A Très bien.
C {{La portabilité devait se faire mardi et j'ai toujours mon ancien opérateur, ma carte Lumio affiche un numéro provisoire.}}
A Votre numéro client s'il vous plaît ?
C {cid}.
A Merci. Je vois que la portabilité a été refusée : le code RIO ne correspond pas au numéro.
C J'ai donné le RIO que j'ai eu au 3179.
A Vous pouvez me le relire ?
C 02 P 123 456 78A.
A Le numéro associé, c'est bien le [[06 27 55 19 84]] ?
C Oui.
A Il y a eu une erreur de saisie, un chiffre inversé. Je relance la portabilité, elle se fera dans 3 jours ouvrés.
C D'accord.

=== drv=number_porting lang=fr fmt=ts_plain rep=np1 q=Accueil
A Lumio bonjour, {ag}.
C Bonjour. Je vous appelle encore pour ma portabilité.
A Votre numéro client ?
C {cid}.
A Merci. Je vois l'appel précédent. Qu'est-ce qui se passe ?
C {{Depuis ce matin j'ai plus de réseau du tout, ni sur l'ancienne carte ni sur la nouvelle.}}
A La portabilité est en cours aujourd'hui, c'est normal pendant quelques heures.
C Quelques heures ? J'ai perdu la matinée !
A Je comprends. Redémarrez votre téléphone avec la carte Lumio vers 14 heures, ce sera actif.
C Et si c'est pas le cas ?
A Rappelez-nous, je mets une note prioritaire.
C D'accord.

=== drv=number_porting lang=en fmt=json_role q="English Desk"
A Lumio, {ag} speaking.
C Hi, I want to switch to Lumio and keep my number, but it's not working.
A Okay. Do you already have a Lumio SIM?
C Yes, I've got it. Customer ID {cid}.
A Thank you. What's not working?
C {{My old operator says you never asked for the transfer, and you say the transfer was rejected.}}
A Let me check… the request was rejected because the name on the old contract doesn't match.
C It's my company's contract, the line was in the company's name.
A That's why. For a business line, you need the RIO from the company account and their authorisation.
C Okay, I'll ask HR.
A Once you have it, call us and we'll restart it.
C Thanks.

=== drv=number_porting lang=fr fmt=vtt q=Commercial
A Lumio bonjour, {ag} à l'appareil.
C Bonjour, alors, je comprends pas, j'ai perdu mon numéro.
A Je vous écoute.
C J'ai pris un forfait chez vous il y a quinze jours. {{Et on m'a attribué un nouveau numéro au lieu de garder le mien, alors que j'avais donné mon code RIO.}}
A Votre numéro client ?
C {cid}.
A Merci. Je vois qu'aucun RIO n'est enregistré sur la commande.
C Je l'ai donné au vendeur !
A Je comprends. On peut encore faire la portabilité tant que l'ancienne ligne n'est pas résiliée. Elle l'est ?
C Non, je crois pas.
A Alors donnez-moi le code RIO, je lance la portabilité.
C D'accord, je l'ai là.

# --- contracts ----------------------------------------------------------------
=== drv=cancellation_not_processed lang=fr fmt=cc q=Résiliation k=cn1
I Bienvenue chez Lumio. Pour résilier, tapez 5.
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. J'ai résilié mon forfait mobile en juillet, par lettre recommandée.
A D'accord.
C {{Et je suis toujours prélevé, 19,99 en août et en septembre.}}
A Je suis désolé. Votre numéro client ?
C {cid}.
A Merci. Je ne vois pas de demande de résiliation sur votre compte.
C Je l'ai envoyée le 12 juillet, j'ai l'accusé de réception.
A Vous avez pu transmettre votre numéro ? Sans portabilité, il faut que la lettre arrive au service résiliation.
C C'est ce que j'ai fait, à l'adresse du site !
A Pouvez-vous m'envoyer la copie de l'accusé ? Je vous donne l'adresse mail.
C Oui.
A Dès réception, je résilie à la date de votre lettre et je rembourse les deux mois.
C D'accord.

=== drv=cancellation_not_processed lang=fr fmt=tc rep=cn1 q=Facturation
A Lumio bonjour, {ag} à l'appareil.
C Bonjour. J'ai appelé il y a quelques jours pour une résiliation pas prise en compte.
A Votre numéro client ?
C {cid}.
A Merci. Je vois l'appel. Vous avez envoyé l'accusé ?
C Oui, le jour même. {{Mais j'ai encore été prélevé ce matin, alors que la ligne devait être fermée.}}
A Je vois le justificatif reçu, mais la résiliation n'a pas encore été saisie.
C C'est pas possible.
A Je la saisis moi-même maintenant avec effet au 22 juillet, et le remboursement des trois mois sera fait par virement.
C Trois mois maintenant. Vous pouvez m'envoyer une confirmation écrite ?
A Oui, vous la recevrez par mail dans l'heure.
C Merci.

=== drv=cancellation_not_processed lang=en fmt=ac q="English Desk"
A Lumio, {ag} speaking. How can I help?
C Hi, I cancelled my internet when I moved back to Ireland in June.
A Okay.
C {{You're still charging my card every month for a contract I cancelled four months ago.}}
A I'm sorry about that. Customer ID?
C {cid}.
A Thank you. I see a cancellation request by chat on the 28th of May, but it was never confirmed.
C Why?
A The agent asked for a proof of moving abroad and the request was left open.
C Nobody asked me anything.
A I'm sorry. I'll close the account from the date of the chat and refund the charges since then.
C Thank you. The refund should go to my Irish account, [[IE29 AIBK 9311 5212 3456 78]].

=== drv=cancellation_not_processed lang=fr fmt=names q=Résiliation ag=Laura cn="Mme Robert"
A Lumio bonjour, Laura à l'appareil.
C Bonjour, Nicole Robert. Je vous appelle pour la ligne de ma mère qui est décédée.
A Toutes mes condoléances, madame.
C Merci. {{J'ai envoyé le certificat de décès en août pour résilier son abonnement, et il est toujours facturé.}}
A Je suis vraiment désolée. Vous avez le numéro client de votre maman ?
C {cid}.
A Merci. Je vois le document reçu le 21 août, mais il n'a pas été traité.
C Ça fait deux mois.
A Je résilie immédiatement à la date du décès et je fais rembourser toutes les factures depuis.
C Merci madame. Le remboursement, vous le faites sur mon compte ? C'est le [[FR14 2004 1010 0505 0001 3M02 606]].

=== drv=cancellation_not_processed lang=fr fmt=raw q=Résiliation
lumio bonjour {ag} que puis-je faire pour vous
bonjour j'appelle parce que j'ai résilié ma box avec le nouvel opérateur
oui
{{la résiliation devait se faire automatiquement avec la portabilité et je reçois encore des factures de chez vous}}
votre numéro client s'il vous plaît
{cid}
merci je regarde la portabilité du fixe a bien eu lieu le 5 mais la box n'a pas été résiliée
ben pourquoi
le service internet est séparé de la ligne fixe dans votre offre je vais faire la résiliation à la date du 5
et les factures
elles seront remboursées au prorata
d'accord merci

=== drv=termination_fees lang=fr fmt=cc q=Fidélisation
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. Je viens de recevoir ma facture de clôture.
A Oui.
C {{Vous me facturez 180 euros de frais de résiliation alors que mon engagement était fini.}}
A Je regarde. Votre numéro client ?
C {cid}.
A Merci. L'engagement initial était de 12 mois, mais il a été renouvelé en janvier avec le changement de box.
C Renouvelé ? Personne m'a dit que changer de box me réengageait !
A C'est indiqué dans les conditions de l'offre de changement de box. Je comprends que ce n'était pas clair.
C Pas clair du tout.
A Je peux réduire les frais au quart restant, soit 45 euros.
C Bon, d'accord. Je vous les règle tout de suite par carte : [[4556 7320 1198 7656]], expiration 03/27.

=== drv=termination_fees lang=en fmt=json_participant q=Résiliation
A Lumio, {ag} speaking.
C Hi. I'm leaving Lumio, and I was told I have to pay 240 euros.
A Let me check. Customer ID?
C {cid}.
A Thank you. Yes, you are still in your 24-month commitment, 8 months left.
C {{But the salesman told me there was no commitment on this plan, he said I could leave anytime.}}
A I see the plan you signed has a 24-month commitment, it's on the contract.
C He didn't show me the contract. I signed on a tablet.
A I understand. I'll open a complaint about the sale, and the fees are on hold until it's reviewed.
C Okay. Send the complaint reference to [[j.moreau.pro@yahoo.fr]] please.

=== drv=termination_fees lang=fr fmt=ts_br q=Résiliation bad=date
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Bonjour. Je perds mon emploi, j'ai reçu ma lettre de licenciement.
A Je suis désolé de l'apprendre.
C Merci. {{Je voudrais résilier sans payer les frais d'engagement, c'est possible avec un licenciement ?}}
A Oui, le licenciement est un motif légitime. Il faut nous envoyer l'attestation Pôle emploi, enfin France Travail.
C Je l'ai pas encore.
A Dès que vous l'avez, vous l'envoyez et on résilie sans frais.
C D'accord. Et je paie combien en attendant ?
A Votre abonnement normal jusqu'à la résiliation.
C Bon. Merci.
""")

# --- device care, security ------------------------------------------------------
CALLS.append(r"""
=== drv=faulty_device lang=fr fmt=cc q=SAV k=fd1
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. J'ai acheté un téléphone chez vous en février.
A Oui.
C {{L'écran du téléphone s'est mis à clignoter et maintenant il reste noir, alors que je l'ai jamais fait tomber.}}
A Je suis désolée. Votre numéro client ?
C {cid}.
A Merci. C'est un Galaxy S24, sous garantie jusqu'en février 2028. Je vous envoie une étiquette pour le faire réparer.
C Et je fais comment sans téléphone ?
A On vous prête un téléphone pendant la réparation. Il arrive avant que vous envoyiez le vôtre.
C Ah ben très bien.
A Vous recevrez tout par mail.
C Merci.

=== drv=faulty_device lang=fr fmt=json_speaker rep=fd1 q=SAV
A Lumio bonjour, {ag}, que puis-je faire pour vous ?
C Bonjour. J'ai appelé la semaine dernière pour mon téléphone en panne.
A Votre numéro client ?
C {cid}.
A Merci. Je vois le dossier de réparation.
C {{Le téléphone de prêt est arrivé mais il marche pas non plus, il s'allume pas.}}
A Ah, je suis désolée. Je vous en renvoie un autre en express.
C Et l'étiquette pour envoyer le mien ?
A Elle est dans le même mail, vous pouvez l'envoyer dès maintenant.
C D'accord, merci.

=== drv=faulty_device lang=en fmt=ac q=Technique
A Thank you for calling Lumio, {ag} speaking, how can I help?
C Hi. It's the box, it's making a weird noise.
A Okay. What kind of noise?
C Like a fan that's about to die. {{And it keeps rebooting by itself every ten minutes, it's getting really hot.}}
A Customer ID please?
C {cid}.
A Thanks. That sounds like a hardware fault. The box is under warranty, I'll send a replacement.
C Good. Do I send the old one back?
A Yes, with the label in the box. Please don't keep using it if it's very hot.
C Okay, I'll unplug it.
A The new one arrives in 48 hours.
C Thank you.

=== drv=faulty_device lang=en fmt=vtt q=SAV
A Lumio, {ag} speaking.
C Hi, I have a problem with the TV decoder.
A Okay, go ahead.
C {{The remote works but the decoder is stuck on the Lumio logo every time I switch it on.}}
A Customer ID?
C {cid}.
A Thanks. Can you unplug it for thirty seconds and plug it back in?
C I've done that ten times.
A Then let's try a factory reset: hold the power button for 15 seconds.
C Okay… still the logo.
A Then it's faulty. I'll send a replacement decoder and a return label.
C Thanks.

=== drv=fraud_phishing lang=fr fmt=cc q=Fraude
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour, c'est urgent, je crois que je me suis fait pirater.
A Je vous écoute.
C {{Mon portable a plus de réseau depuis ce matin et ma banque m'a appelée pour un virement de 2 000 euros que j'ai pas fait.}}
A Votre numéro client ?
C {cid}.
A Merci. Je vois une demande de nouvelle carte SIM faite hier soir en boutique, à Marseille.
C Mais j'habite à Lille !
A Il s'agit probablement d'une usurpation d'identité. Je bloque immédiatement la carte SIM.
C Et mon numéro ?
A Je vous fais envoyer une nouvelle carte en express. Il faut aussi porter plainte.
C D'accord.
A Je transmets le dossier à notre service sécurité.
C Merci.

=== drv=fraud_phishing lang=en fmt=caller q=Fraude
A Lumio, {ag} speaking, how can I help?
C Hi, I just want to check something, um, I got a text from Lumio saying my account is suspended.
A Okay. What does the text say exactly?
C {{It says my payment failed and I need to click a link to update my card, or my line will be cut today.}}
A That's a phishing text, it's not from us. Did you click the link?
C Yes, and I entered my card number… [[5132 8904 5671 2342]].
A Please don't read it to me. Call your bank now to block the card.
C Oh no. Okay.
A I'll report the text to our security team.
C Thank you.

=== drv=faulty_device lang=fr fmt=ts_plain q=Technique
I Bienvenue chez Lumio. Pour l'assistance technique, tapez 2. Pour le suivi d'une réparation, tapez 3.
A Lumio assistance, {ag} à l'appareil, bonjour.
C Oui bonjour monsieur. Alors, euh, ben c'est pour la télé.
A D'accord, je vous écoute.
C Enfin, c'est pas la télé, c'est le boîtier, le décodeur quoi.
A Oui. Vous avez votre numéro client s'il vous plaît ?
C Attendez, faut que je trouve mes lunettes… Voilà. {cid}.
A Merci. Vous êtes monsieur Gérard Blanc ?
C Oui c'est moi.
A Vous pouvez me confirmer votre code postal ?
C 87000, Limoges.
A Merci monsieur Blanc. Alors, qu'est-ce qui se passe avec le décodeur ?
C Ben depuis dimanche, euh, l'image elle saute, et puis le son il part.
A D'accord.
C {{Et maintenant le décodeur s'éteint tout seul au bout de cinq minutes, à chaque fois.}}
A Il y a un message sur l'écran de la télé quand il s'éteint ?
C Non, rien, ça devient noir, et le voyant devant il passe au rouge.
A Très bien. On va essayer quelque chose. Vous pouvez débrancher le décodeur, attendre trente secondes et le rebrancher ?
C Je pose le téléphone, hein.
H 60
C Voilà, c'est rebranché.
A Qu'est-ce qu'il affiche en façade ?
C Ça dit « boot », et puis… « err 03 ».
A D'accord, l'erreur 03 c'est un défaut du disque interne. Ce n'est pas réparable à distance.
C Ah ben zut. Il a que deux ans.
A Il est sous garantie, il n'y a rien à payer. Je vous envoie un décodeur neuf, avec une étiquette pour renvoyer l'ancien.
C Et c'est compliqué à brancher ?
A C'est le même modèle, vous mettez les câbles au même endroit. Sinon un technicien peut venir, mais c'est dans dix jours.
C Non, ma fille m'aidera.
A Parfait. Vous le recevrez jeudi. Est-ce que je peux faire autre chose pour vous ?
C Non, c'est tout. Merci bien monsieur.
A Merci de votre appel monsieur Blanc, bonne journée.

# --- other: not a contact driver -------------------------------------------------
=== drv=other lang=fr fmt=cc q=Accueil
A Lumio bonjour, {ag} à l'appareil, que puis-je faire pour vous ?
C Bonjour. {{Je voudrais savoir quelles sont les horaires d'ouverture de la boutique de Lyon Part-Dieu.}}
A La boutique Part-Dieu est ouverte du lundi au samedi de 10 heures à 19 heures.
C Et le dimanche ?
A Fermée le dimanche.
C D'accord, merci.

=== drv=other lang=fr fmt=raw asr=1 q=Accueil
lumio bonjour {ag}
allô allô oui bonjour c'est la pharmacie
non madame ici c'est le service client lumio
{{ah pardon je voulais appeler la pharmacie de garde}}
pas de souci je vous souhaite une bonne journée
merci au revoir

=== drv=other lang=en fmt=ac q=Commercial
A Lumio sales, {ag} speaking, how can I help?
C Hi. {{I just wanted to say thank you, your technician yesterday was brilliant.}}
A Oh, that's lovely to hear! Do you remember his name?
C Karim, I think.
A I'll pass it on to his team. Anything else I can do?
C No, that's all. Thanks.

=== drv=other lang=fr fmt=json_role q=Commercial
A Lumio bonjour, {ag}.
C Bonjour, je suis étudiant en master et {{je fais une enquête sur les métiers du service client, est-ce que je pourrais vous poser trois questions ?}}
A Je suis désolée, je ne peux pas répondre à des enquêtes sur cette ligne.
C Ah, d'accord. À qui je peux m'adresser ?
A Vous pouvez écrire au service presse, l'adresse est sur le site.
C Merci beaucoup.

=== drv=other lang=en fmt=ts_br q="English Desk"
A Lumio, {ag} speaking.
C Hello. I'm a journalist at a local paper.
A Hello.
C {{I'm writing about the new fibre network in the valley and I was hoping to speak to someone in communications.}}
A I'm afraid I can't help with that here. I'll give you the press office email.
C Thanks. That would be great.

=== drv=other lang=fr fmt=tc q=Accueil bad=empty
A vide
C vide
""")

# ---------------------------------------------------------------------------
# cross-lingual pairs: same complaint, different customers, not translations
# ---------------------------------------------------------------------------
PAIRS: list[tuple[str, str, str]] = [
    ("unexpected_charge",
     "Bonjour, ma dernière facture est de 78 € au lieu des 35 € habituels, il y a des lignes que je ne comprends pas du tout. Merci de m'expliquer.",
     "Why is my bill so high this month? There are extra charges on it that I never agreed to."),
    ("unexpected_charge",
     "On me facture deux fois l'option TV sur la facture d'août, c'est une erreur je pense",
     "Hi, I noticed an 'equipment fee' of 9.99 on my invoice. I own my router, so what is this for?"),
    ("direct_debit_rejected",
     "Mon prélèvement a été rejeté et vous me comptez 7,50 € de frais, alors que mon compte était approvisionné.",
     "The direct debit failed even though I had money in the account, and now there's a rejection fee on my bill."),
    ("direct_debit_rejected",
     "vous m'avez prélevé 2 fois ce mois ci !!! 45,99 le 3 et encore le 6, remboursez moi svp",
     "I've been debited twice for the same invoice. Please refund the second payment."),
    ("refund_missing",
     "Le remboursement de 60 euros promis par votre conseiller il y a un mois n'est toujours pas arrivé sur mon compte.",
     "I was told I'd get my money back within two weeks. It's now been six weeks and still nothing."),
    ("refund_missing",
     "J'attends toujours le remboursement de mon dépôt de garantie, la box a été rendue en juin.",
     "Where's my refund? I returned the equipment over a month ago and the deposit hasn't come back."),
    ("promo_not_applied",
     "Le vendeur m'avait promis -50% pendant 6 mois, sur la facture je paie plein tarif.",
     "The 6 months half-price offer I signed up for isn't showing on my bill, I'm paying the full price."),
    ("promo_not_applied",
     "Ma remise parrainage n'a jamais été appliquée alors que mon filleul est client depuis 3 mois.",
     "I referred a friend in spring and never got the referral credit you advertise."),
    ("plan_change",
     "J'ai demandé le passage au forfait 100 Go il y a 15 jours et je suis toujours sur l'ancien.",
     "I upgraded my plan online two weeks ago but my account still shows the old one and I keep running out of data."),
    ("plan_change",
     "Mon option internationale n'a pas été ajoutée comme demandé, je paie tous mes appels vers l'Algérie",
     "Asked to remove the sports option last month, it's still there and I'm still paying for it."),
    ("roaming_charges",
     "De retour du Maroc, je découvre 250 € de hors forfait alors que j'avais acheté le pass voyage.",
     "I bought your travel pass before my trip to the US, but I still got charged over 200 euros for data."),
    ("roaming_charges",
     "En Suisse je n'ai pas pu utiliser internet malgré l'option activée, et en plus on me facture.",
     "Roaming pack activated but no data works in Canada, and I'm being billed per megabyte."),
    ("no_mobile_signal",
     "Aucun réseau chez moi depuis 10 jours, je dois sortir dans la rue pour téléphoner.",
     "I can't get any signal at home since last week. Calls drop constantly, even by the window."),
    ("no_mobile_signal",
     "Au bureau je capte une barre au mieux, impossible de passer un appel correctement.",
     "Zero coverage at my workplace, my phone says no service all day."),
    ("internet_outage",
     "Plus d'internet ni de télé depuis hier soir, la box clignote en rouge.",
     "My internet has been completely down since this morning and the box light is red."),
    ("internet_outage",
     "Coupure totale de la fibre depuis 3 jours dans mon quartier, toujours pas réparé, je télétravaille !!",
     "Broadband and TV dead since the storm on Sunday. When will it be fixed?"),
    ("slow_internet",
     "J'ai la fibre 1 Gb/s et je plafonne à 20 Mb/s le soir, les visios coupent sans arrêt.",
     "My connection is painfully slow in the evenings, video calls keep freezing, it's supposed to be fibre."),
    ("slow_internet",
     "La connexion ADSL décroche plusieurs fois par heure, c'est inutilisable.",
     "Internet keeps dropping out every few minutes and speed tests show under 2 Mbps."),
    ("technician_no_show",
     "J'ai posé une journée de congé pour le rendez-vous du technicien et personne n'est venu ni n'a appelé.",
     "Took the morning off for the installation appointment, the engineer never turned up."),
    ("technician_no_show",
     "Rendez-vous annulé par SMS une heure avant, c'est la deuxième fois !",
     "My technician visit was cancelled again at the last minute, that's twice now."),
    ("installation_delay",
     "Commande fibre passée il y a 2 mois et toujours pas raccordé, personne ne me donne de date.",
     "Ordered fibre in June, it's now August and I'm still waiting to be connected."),
    ("installation_delay",
     "Le technicien dit que le fourreau est bouché, depuis plus rien ne bouge pour mon raccordement.",
     "The installer said the duct is blocked and since then my fibre order has been stuck for weeks."),
    ("moving_line",
     "Je déménage le 1er du mois prochain et je souhaite transférer ma box à ma nouvelle adresse.",
     "I'm moving house soon, how do I move my broadband to the new address without a gap?"),
    ("moving_line",
     "J'ai demandé le transfert de ma ligne lors de mon déménagement et je paie encore l'ancienne adresse.",
     "Moved three weeks ago, requested a line transfer, and the new flat still has no internet."),
    ("parcel_not_received",
     "Mon colis avec la nouvelle box est bloqué depuis une semaine dans le suivi.",
     "The tracking for my phone says delivered but I never received the parcel."),
    ("parcel_not_received",
     "J'attends toujours la carte SIM commandée il y a 12 jours.",
     "Still waiting for my SIM card, it's been almost two weeks since you shipped it."),
    ("equipment_return",
     "Je n'ai jamais reçu d'étiquette pour renvoyer mon ancien décodeur.",
     "How am I supposed to return the old router? No return label was ever sent."),
    ("equipment_return",
     "On me facture 150 € pour une box que j'ai pourtant renvoyée, j'ai le récépissé de dépôt.",
     "You charged me for an unreturned box, but I posted it back a month ago and have the receipt."),
    ("password_reset",
     "Je ne reçois jamais le mail de réinitialisation de mot de passe, impossible d'accéder à mon compte.",
     "The password reset email never arrives, I'm locked out of my account."),
    ("app_login_bug",
     "L'appli plante à chaque connexion depuis la mise à jour, impossible de voir mes factures.",
     "Your app crashes as soon as I log in since the last update."),
    ("sim_activation",
     "La nouvelle carte SIM reçue hier n'est toujours pas activée, pas de service.",
     "My new SIM still says no service two days after I put it in."),
    ("sim_activation",
     "Le QR code de l'eSIM ne fonctionne pas, le téléphone dit qu'il est invalide.",
     "I scanned the eSIM QR code and my phone says the code is no longer valid."),
    ("number_porting",
     "Ma portabilité a échoué, j'ai un numéro provisoire alors que j'avais donné mon RIO.",
     "The number transfer from my old provider failed and I've been given a temporary number."),
    ("cancellation_not_processed",
     "J'ai résilié en juillet par recommandé et je suis toujours prélevé chaque mois.",
     "I cancelled my contract three months ago but you're still taking money every month."),
    ("termination_fees",
     "Vous me réclamez 180 € de frais de résiliation alors que mon engagement était terminé.",
     "I'm being charged an early termination fee although my minimum term ended last year."),
    ("faulty_device",
     "Mon téléphone acheté chez vous il y a 8 mois s'éteint tout seul, il est sous garantie.",
     "The phone I bought from you keeps rebooting by itself, I'd like a repair under warranty."),
    ("faulty_device",
     "La box chauffe énormément et redémarre toute seule plusieurs fois par jour.",
     "My router overheats and restarts on its own several times a day."),
    ("fraud_phishing",
     "J'ai reçu un SMS soi-disant de Lumio me demandant ma carte bancaire pour éviter une coupure, c'est une arnaque ?",
     "Got a text claiming to be from Lumio asking for my card details, is this a scam?"),
    ("fraud_phishing",
     "Quelqu'un a ouvert une ligne à mon nom chez vous, je n'ai jamais souscrit ce forfait.",
     "There's a mobile line on my account that I never opened. I think my identity was stolen."),
]


if __name__ == "__main__":
    build()
