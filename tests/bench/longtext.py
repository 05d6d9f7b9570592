#!/usr/bin/env python3
"""Writes a long text-only French document to stdout, for the text engine's
benchmark: longtext.py SECTIONS [--typst]. Each section is a heading and six
paragraphs of 40–160 words drawn (deterministically) from a fixed French
vocabulary, so the size grows linearly with SECTIONS (about 2.2 pages per
section in the house style). --typst writes the same text as a Typst
document set like folio's house style (A4, 20 mm margins, Noto Serif 10.5 pt
justified and hyphenated, Noto Sans headings, about as many pages), so the
bench can time Typst on it."""
import random
import sys

WORDS = """la les des une statistique publique données modèle apprentissage
automatique réseau neurones représentation vectorielle analyse traitement
langage naturel méthode évaluation expérimentation production infrastructure
calcul distribué stockage fichiers parquet format colonnes requêtes
performance mémoire processeur entraînement inférence algorithme classification
régression échantillon population estimation variance biais intervalle
confiance hypothèse significativité visualisation graphique interactif
tableau bord indicateur territoire commune département région recensement
enquête questionnaire réponse pondération redressement imputation valeurs
manquantes diffusion publication ouverture réutilisation documentation
reproductibilité versionnement collaboration plateforme environnement
conteneur orchestration déploiement service application interface
programmation bibliothèque paquet dépendance installation configuration
paramètre optimisation hyperparamètre validation croisée surapprentissage
généralisation précision rappel mesure qualité fiabilité robustesse
transparence explicabilité éthique confidentialité anonymisation
pseudonymisation sécurité gouvernance stratégie innovation laboratoire
équipe projet partenaire formation atelier séminaire conférence article
rapport synthèse perspective enjeu défi opportunité transformation
numérique administration citoyen usager et ou mais donc car avec sans pour
dans sur sous entre vers chez par selon depuis pendant avant après
notamment également toutefois cependant ainsi enfin désormais aujourd'hui
particulièrement considérablement progressivement systématiquement""".split()


def sentence(rng):
    n = rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", " ?", " !"])


def paragraph(rng):
    out, count = [], 0
    target = rng.randint(40, 160)
    while count < target:
        s = sentence(rng)
        out.append(s)
        count += len(s.split())
    return " ".join(out)


TITLE = "Un long texte"  # also each page's running head in folio's PDF

TYPST_PREAMBLE = """#set page(paper: "a4", margin: (top: 20mm, bottom: 22mm, x: 20mm), numbering: "1 / 1")
#set text(font: "Noto Serif", size: 10.5pt, lang: "fr", hyphenate: true)
#set par(justify: true, leading: 1.2em)
#show par: set block(spacing: 1.2em + 6pt)
#show heading: set text(size: 14pt)
#show heading: set text(font: "Noto Sans", fill: rgb("#1f3a5f"))
#align(center, text(font: "Noto Sans", size: 22pt, weight: "bold")[%s])
""" % TITLE


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    typst = "--typst" in sys.argv[1:]
    sections = int(args[0]) if args else 100
    rng = random.Random(13)
    print(TYPST_PREAMBLE if typst else "---\ntitle: %s\nlang: fr\n---\n" % TITLE)
    # The vocabulary holds no character either markup treats specially.
    heading = "== Section %d : %s\n" if typst else "## Section %d : %s\n"
    for i in range(sections):
        print(heading % (i + 1, sentence(rng).rstrip(" .?!")))
        for _ in range(6):
            print(paragraph(rng) + "\n")


if __name__ == "__main__":
    main()
