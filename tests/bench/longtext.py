#!/usr/bin/env python3
"""Writes a long text-only French document to stdout, for the text engine's
benchmark: longtext.py SECTIONS. Each section is a heading and six
paragraphs of 40–160 words drawn (deterministically) from a fixed French
vocabulary, so the size grows linearly with SECTIONS (about 1.6 pages per
section at the default style)."""
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


def main():
    sections = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    rng = random.Random(13)
    print("---\ntitle: Un long texte\nlang: fr\n---\n")
    for i in range(sections):
        print("## Section %d : %s\n" % (i + 1, sentence(rng).rstrip(" .?!")))
        for _ in range(6):
            print(paragraph(rng) + "\n")


main()
