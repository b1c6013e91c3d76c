#!/usr/bin/env python3
"""Writes a knowledge base shaped like the coming 2.0 (see README.md) from the shipped 1.x one.

Test data for the verifier only: the rules are plausible shapes, not clinical content.
usage: tests/verifier/testdata/kb2-shaped/make.py   (from the repository root)
"""
import copy
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", "..", "..", ".."))
kb = json.load(open(os.path.join(root, "core/knowledge/knowledge-base.json")))
en = json.load(open(os.path.join(root, "core/knowledge/strings/en.json")))
policy = json.load(open(os.path.join(root, "tests/verifier/triage-policy.json")))

kb["version"] = kb["version"] + "-kb2-shaped"
q = {each["id"]: each for each in kb["questions"]}


def add_options(question, options, texts):
    none = [o for o in q[question]["options"] if o in q[question].get("exclusive", [])]
    rest = [o for o in q[question]["options"] if o not in none]
    q[question]["options"] = rest + options + none
    for o in options:
        en["questions"][question]["options"][o] = texts.get(o, o.replace("_", " ").capitalize())


add_options("danger_signs", ["coughing_blood", "fainted_now", "blue_cold_limb", "seizure", "severe_belly_pain"], {})
add_options("symptoms", ["numb_weak_both_legs", "palpitations", "burn_blister", "rash_hives", "joint_swelling",
                         "muscle_cramps", "dizziness_mild", "bruise_spreading"], {})
add_options("risk_factors", ["hormones"], {"hormones": "Hormone treatment or the pill"})
add_options("massage_type", ["hot_stones"], {})

came = {"id": "came_and_went", "type": "multiple", "red_flag": True,
        "options": ["fainted", "palpitations", "chest_tightness", "vision_blur", "numb_face", "short_breath_passing", "none"],
        "exclusive": ["none"]}
at = [each["id"] for each in kb["questions"]].index("symptoms") + 1
kb["questions"].insert(at, came)
en["questions"]["came_and_went"] = {"text": "Since the massage, did any of these come and go?", "help": "",
                                    "options": {o: o.replace("_", " ").capitalize() for o in came["options"]}}


def rule(id, requires, when, text):
    kb["rules"].insert(len(kb["rules"]) - 10, {"id": id, "requires": requires, "when": when, "advice": [], "source": "test data (KB 2.0 shape)"})
    en["rules"][id] = text


def has(question, *options):
    return {"question": question, "has_any": list(options)}


def is_(question, *options):
    return {"question": question, "is_any": list(options)}


for o in ["coughing_blood", "fainted_now", "blue_cold_limb", "seizure", "severe_belly_pain"]:
    rule(o, "emergency", [has("danger_signs", o)], "Sign " + o + ".")
rule("one_sided_leg_with_clot_risk", "urgent",
     [has("body_regions", "calves", "thighs"), is_("side", "left", "right"),
      has("risk_factors", "pregnancy", "previous_clot", "recent_surgery_injury", "hormones")], "One leg with a clot risk.")
rule("both_legs_numb_with_back", "emergency", [has("symptoms", "numb_weak_both_legs"), has("body_regions", "lower_back")], "Both legs and back.")
rule("both_legs_numb", "urgent", [has("symptoms", "numb_weak_both_legs")], "Both legs numb or weak.")
rule("headache_on_blood_thinners", "see_doctor",
     [has("risk_factors", "blood_thinners"), has("symptoms", "mild_headache"), has("body_regions", "head", "neck")], "Headache on blood thinners.")
rule("fever_headache_neck", "urgent",
     [has("symptoms", "fever_chills"), has("symptoms", "mild_headache"), has("body_regions", "neck")], "Fever, headache and a sore neck.")
rule("osteoporosis_bone_pain", "see_doctor",
     [has("risk_factors", "osteoporosis"), has("body_regions", "chest", "upper_back", "lower_back"), has("pain_feel", "tender", "sharp_shooting")],
     "Bone pain with osteoporosis.")
rule("fainted_with_palpitations", "emergency", [has("came_and_went", "fainted"), has("symptoms", "palpitations")], "Fainted with palpitations.")
rule("fainted_came_and_went", "urgent", [has("came_and_went", "fainted")], "Fainted.")
rule("passing_face_or_vision", "urgent", [has("came_and_went", "vision_blur", "numb_face")], "Passing face or vision signs.")
rule("passing_chest_or_breath", "see_doctor", [has("came_and_went", "chest_tightness", "short_breath_passing")], "Passing chest signs.")
rule("passing_palpitations", "contact_therapist", [has("came_and_went", "palpitations")], "Passing palpitations.")
rule("palpitations", "see_doctor", [has("symptoms", "palpitations")], "Palpitations.")
rule("burn_blister", "contact_therapist", [has("symptoms", "burn_blister")], "A burn or blister.")
rule("burn_after_hot_stones", "see_doctor", [is_("massage_type", "hot_stones"), has("symptoms", "burn_blister", "redness_warmth")], "A burn after hot stones.")
rule("rash_hives", "contact_therapist", [has("symptoms", "rash_hives")], "A rash.")
rule("joint_swelling", "see_doctor", [has("symptoms", "joint_swelling")], "A swollen joint.")
rule("muscle_cramps", "self_care", [has("symptoms", "muscle_cramps")], "Cramps.")
rule("dizziness_mild", "contact_therapist", [has("symptoms", "dizziness_mild")], "Mild dizziness.")
rule("bruise_spreading", "see_doctor", [has("symptoms", "bruise_spreading")], "A spreading bruise.")
rule("neck_pressure_dizzy", "see_doctor", [is_("pressure", "too_painful"), has("body_regions", "neck"), has("symptoms", "dizziness_mild")],
     "Dizzy after painful pressure on the neck.")

# The policy of the same shape: floors for the new signs, and the new checklist counts as adding.
floors = policy["floors"]
for o in ["coughing_blood", "fainted_now", "blue_cold_limb", "seizure", "severe_belly_pain"]:
    floors.append({"id": "new_" + o, "at_least": "emergency", "when": [{"danger_signs": {"has_any": [o]}}]})
floors.append({"id": "fainted_with_palpitations", "at_least": "emergency",
               "when": [{"came_and_went": {"has_any": ["fainted"]}}, {"symptoms": {"has_any": ["palpitations"]}}]})
floors.append({"id": "both_legs_numb_with_back", "at_least": "emergency",
               "when": [{"symptoms": {"has_any": ["numb_weak_both_legs"]}}, {"body_regions": {"has_any": ["lower_back"]}}]})
floors.append({"id": "one_sided_leg_with_clot_risk", "at_least": "urgent",
               "when": [{"body_regions": {"has_any": ["calves", "thighs"]}}, {"side": {"is_any": ["left", "right"]}},
                        {"risk_factors": {"has_any": ["pregnancy", "previous_clot", "recent_surgery_injury", "hormones"]}}]})
policy["worsening"]["adding"].append("came_and_went")

out = os.path.join(here)
os.makedirs(os.path.join(out, "strings"), exist_ok=True)
with open(os.path.join(out, "knowledge-base.json"), "w") as f:
    json.dump(kb, f, indent=1, ensure_ascii=False)
    f.write("\n")
with open(os.path.join(out, "strings", "en.json"), "w") as f:
    json.dump(en, f, indent=1, ensure_ascii=False)
    f.write("\n")
with open(os.path.join(out, "triage-policy.json"), "w") as f:
    json.dump(policy, f, indent=1, ensure_ascii=False)
    f.write("\n")
