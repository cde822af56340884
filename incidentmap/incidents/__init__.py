"""Incident extraction: typed, dated, located incidents, each traceable to its sentence.

A trigger (incidentmap/data/lexicon/incident_triggers.csv) in a clause makes a candidate incident; cues
(incidentmap/data/lexicon/cues.csv) cancel it (negation, non-events) or mark it planned; it is located at
the place the clause says it happened — not where its actors came from — else at the nearest
earlier place in the paragraph, else at the article's focus, with the precision that follows.

Modules: ``lexicon_data`` (the data files, trigger search), ``cues`` (clauses, quotations, negation, weak
triggers), ``actors`` (who acted; storming or seizing by forces or crowds), ``sides`` (which side acts decides
the ACLED type: battles, violence against civilians, riots, mob violence; one event per phrase), ``coding``
(ACLED's coding of one incident where who acts recodes its type), ``locate``
(where: the scoring weights), ``extract`` (the sentence loop and the incident record).
"""

from .extract import CONFIDENCE, ConfidenceFactors, extract_incidents
from .lexicon_data import LEXICON_DIR, ActorRole, Cue, Trigger, _find_triggers, anchor_stems, lexicon
from .locate import WEIGHTS, LocateWeights

__all__ = ["CONFIDENCE", "LEXICON_DIR", "WEIGHTS", "ActorRole", "ConfidenceFactors", "Cue", "LocateWeights", "Trigger",
           "_find_triggers", "anchor_stems", "extract_incidents", "lexicon"]
