"""Word lists the benchmark generator combines into French names (all invented or generic)."""

# (slug, label) of the 18 régions; the slug is also the place id.
REGIONS: list[tuple[str, str]] = [
    ("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"),
    ("bourgogne-franche-comte", "Bourgogne-Franche-Comté"),
    ("bretagne", "Bretagne"),
    ("centre-val-de-loire", "Centre-Val de Loire"),
    ("corse", "Corse"),
    ("grand-est", "Grand Est"),
    ("hauts-de-france", "Hauts-de-France"),
    ("ile-de-france", "Île-de-France"),
    ("normandie", "Normandie"),
    ("nouvelle-aquitaine", "Nouvelle-Aquitaine"),
    ("occitanie", "Occitanie"),
    ("pays-de-la-loire", "Pays de la Loire"),
    ("provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur"),
    ("guadeloupe", "Guadeloupe"),
    ("martinique", "Martinique"),
    ("guyane", "Guyane"),
    ("la-reunion", "La Réunion"),
    ("mayotte", "Mayotte"),
]

# région slug -> départements as (name, name with its preposition: "du Nord", "de l'Ain").
DEPARTEMENTS: dict[str, list[tuple[str, str]]] = {
    "auvergne-rhone-alpes": [
        ("Ain", "de l'Ain"), ("Allier", "de l'Allier"), ("Ardèche", "de l'Ardèche"),
        ("Cantal", "du Cantal"), ("Drôme", "de la Drôme"), ("Isère", "de l'Isère"),
        ("Loire", "de la Loire"), ("Haute-Loire", "de la Haute-Loire"),
        ("Puy-de-Dôme", "du Puy-de-Dôme"), ("Rhône", "du Rhône"), ("Savoie", "de la Savoie"),
        ("Haute-Savoie", "de la Haute-Savoie"),
    ],
    "bourgogne-franche-comte": [
        ("Côte-d'Or", "de la Côte-d'Or"), ("Doubs", "du Doubs"), ("Jura", "du Jura"),
        ("Nièvre", "de la Nièvre"), ("Haute-Saône", "de la Haute-Saône"),
        ("Saône-et-Loire", "de Saône-et-Loire"), ("Yonne", "de l'Yonne"),
        ("Territoire de Belfort", "du Territoire de Belfort"),
    ],
    "bretagne": [
        ("Côtes-d'Armor", "des Côtes-d'Armor"), ("Finistère", "du Finistère"),
        ("Ille-et-Vilaine", "d'Ille-et-Vilaine"), ("Morbihan", "du Morbihan"),
    ],
    "centre-val-de-loire": [
        ("Cher", "du Cher"), ("Eure-et-Loir", "d'Eure-et-Loir"), ("Indre", "de l'Indre"),
        ("Indre-et-Loire", "d'Indre-et-Loire"), ("Loir-et-Cher", "de Loir-et-Cher"),
        ("Loiret", "du Loiret"),
    ],
    "corse": [("Corse-du-Sud", "de la Corse-du-Sud"), ("Haute-Corse", "de la Haute-Corse")],
    "grand-est": [
        ("Ardennes", "des Ardennes"), ("Aube", "de l'Aube"), ("Marne", "de la Marne"),
        ("Haute-Marne", "de la Haute-Marne"), ("Meurthe-et-Moselle", "de Meurthe-et-Moselle"),
        ("Meuse", "de la Meuse"), ("Moselle", "de la Moselle"), ("Vosges", "des Vosges"),
    ],
    "hauts-de-france": [
        ("Aisne", "de l'Aisne"), ("Nord", "du Nord"), ("Oise", "de l'Oise"),
        ("Pas-de-Calais", "du Pas-de-Calais"), ("Somme", "de la Somme"),
    ],
    "ile-de-france": [
        ("Seine-et-Marne", "de Seine-et-Marne"), ("Yvelines", "des Yvelines"),
        ("Essonne", "de l'Essonne"), ("Hauts-de-Seine", "des Hauts-de-Seine"),
        ("Seine-Saint-Denis", "de la Seine-Saint-Denis"), ("Val-de-Marne", "du Val-de-Marne"),
        ("Val-d'Oise", "du Val-d'Oise"),
    ],
    "normandie": [
        ("Calvados", "du Calvados"), ("Eure", "de l'Eure"), ("Manche", "de la Manche"),
        ("Orne", "de l'Orne"), ("Seine-Maritime", "de la Seine-Maritime"),
    ],
    "nouvelle-aquitaine": [
        ("Charente", "de la Charente"), ("Charente-Maritime", "de la Charente-Maritime"),
        ("Corrèze", "de la Corrèze"), ("Creuse", "de la Creuse"), ("Dordogne", "de la Dordogne"),
        ("Gironde", "de la Gironde"), ("Landes", "des Landes"),
        ("Lot-et-Garonne", "de Lot-et-Garonne"),
        ("Pyrénées-Atlantiques", "des Pyrénées-Atlantiques"), ("Deux-Sèvres", "des Deux-Sèvres"),
        ("Vienne", "de la Vienne"), ("Haute-Vienne", "de la Haute-Vienne"),
    ],
    "occitanie": [
        ("Ariège", "de l'Ariège"), ("Aude", "de l'Aude"), ("Aveyron", "de l'Aveyron"),
        ("Gard", "du Gard"), ("Haute-Garonne", "de la Haute-Garonne"), ("Gers", "du Gers"),
        ("Hérault", "de l'Hérault"), ("Lot", "du Lot"), ("Lozère", "de la Lozère"),
        ("Hautes-Pyrénées", "des Hautes-Pyrénées"),
        ("Pyrénées-Orientales", "des Pyrénées-Orientales"), ("Tarn", "du Tarn"),
        ("Tarn-et-Garonne", "de Tarn-et-Garonne"),
    ],
    "pays-de-la-loire": [
        ("Loire-Atlantique", "de la Loire-Atlantique"), ("Maine-et-Loire", "de Maine-et-Loire"),
        ("Mayenne", "de la Mayenne"), ("Sarthe", "de la Sarthe"), ("Vendée", "de la Vendée"),
    ],
    "provence-alpes-cote-d-azur": [
        ("Alpes-de-Haute-Provence", "des Alpes-de-Haute-Provence"),
        ("Hautes-Alpes", "des Hautes-Alpes"), ("Alpes-Maritimes", "des Alpes-Maritimes"),
        ("Bouches-du-Rhône", "des Bouches-du-Rhône"), ("Var", "du Var"),
        ("Vaucluse", "de Vaucluse"),
    ],
}

# Town names are a base, alone or with a qualifier: about 100 x 60 distinct towns.
TOWN_BASES: list[str] = [
    "Saint-Martin", "Saint-Jean", "Saint-Pierre", "Saint-Germain", "Saint-Laurent",
    "Saint-Étienne", "Sainte-Marie", "Sainte-Croix", "Villeneuve", "Villefranche", "Beaumont",
    "Montfort", "Châteauneuf", "Fontaine", "Bourg", "La Chapelle", "Rochefort", "Belleville",
    "Clairvaux", "Mirabel", "Montreuil", "Neuville", "Bellegarde", "Château-Renard", "Vaux",
    "Mont", "Roche", "Valmont", "Beaulieu", "Bonneval", "Chambon", "Champagnac", "Charmes",
    "Clermont", "Cormeilles", "Dampierre", "Écully", "Esquay", "Faverges", "Fleury", "Font-Romeu",
    "Gournay", "Grandpré", "Hauteville", "Issy", "Jouy", "Lavaur", "Lormont", "Marcilly",
    "Marsac", "Méry", "Mirande", "Montagnac", "Montbrison", "Morlaix", "Nogent", "Orgelet",
    "Pontcharra", "Pontarlier", "Puylaurens", "Quincy", "Ribérac", "Rivière", "Rosny", "Rully",
    "Sablé", "Salins", "Sancerre", "Saulieu", "Sérignan", "Thiviers", "Tournon", "Trévoux",
    "Uzès", "Vaison", "Valence", "Vanves", "Verneuil", "Vienne", "Villars",
    "Vitré", "Yssingeaux", "Aubigny", "Argentan", "Arbois", "Aurillac", "Bessan",
    "Blaye", "Bram", "Brézolles", "Cahuzac", "Cassel", "Castelnau", "Cluny", "Conques",
    "Crest", "Dieulefit", "Donzère", "Eymet", "Figeac", "Gaillac",
]
TOWN_QUALIFIERS: list[str] = [
    "-sur-Loire", "-sur-Mer", "-sur-Seine", "-sur-Saône", "-sur-Rhône", "-sur-Garonne",
    "-sur-Marne", "-sur-Lot", "-sur-Isère", "-sur-Vienne", "-en-Bresse", "-en-Vexin",
    "-en-Forez", "-en-Velay", "-en-Auge", "-en-Provence", "-en-Argonne", "-en-Bray",
    "-lès-Bains", "-lès-Nancy", "-lès-Lyon", "-lès-Avignon", "-le-Château", "-le-Vieux",
    "-le-Haut", "-le-Bas", "-la-Forêt", "-la-Rivière", "-la-Montagne", "-la-Vallée",
    "-d'Aunis", "-d'Azergues", "-d'Armagnac", "-du-Lac", "-du-Bois", "-du-Var", "-du-Gard",
    "-des-Champs", "-des-Vignes", "-des-Prés", "-sous-Bois", "-sous-Jura", "-aux-Bois",
    "-aux-Mines", "-Plage", "-de-Bretagne", "-de-Guyenne", "-de-Comminges", "-de-Rivière",
    "-de-Marsan", "-en-Retz", "-en-Royans", "-sur-Dordogne", "-sur-Aube", "-sur-Yonne",
    "-sur-Cher", "-sur-Oise", "-sur-Meuse", "-sur-Sarthe", "-en-Morvan",
]

GIVEN_NAMES: list[str] = [
    "Adèle", "Agnès", "Alain", "Alexandre", "Alice", "Amandine", "Anaïs", "André", "Anne",
    "Antoine", "Armelle", "Arnaud", "Aurélie", "Bastien", "Béatrice", "Benoît", "Bérénice",
    "Bertrand", "Brigitte", "Camille", "Caroline", "Cécile", "Céline", "Chantal", "Charles",
    "Chloé", "Christelle", "Christophe", "Claire", "Claude", "Clément", "Corinne", "Damien",
    "Delphine", "Denis", "Didier", "Dominique", "Édouard", "Élodie", "Éloïse", "Émilie",
    "Emmanuel", "Éric", "Estelle", "Étienne", "Fabienne", "Fabrice", "Florence", "Franck",
    "François", "Frédéric", "Gaëlle", "Gérard", "Guillaume", "Hélène", "Henri", "Hugo",
    "Inès", "Isabelle", "Jacques", "Jérôme", "Joël", "Julie", "Julien", "Karine", "Laëtitia",
    "Laurent", "Léa", "Léon", "Lucie", "Luc", "Manon", "Marc", "Margaux", "Marie", "Marion",
    "Mathieu", "Maëlle", "Mélanie", "Michel", "Mireille", "Nadège", "Nathalie", "Nicolas",
    "Noël", "Océane", "Olivier", "Pascal", "Patrick", "Pauline", "Perrine", "Philippe",
    "Pierre", "Priscilla", "Raphaël", "Régis", "Rémi", "Romain", "Sandrine", "Sarah",
    "Sébastien", "Simon", "Solène", "Sophie", "Stéphane", "Sylvie", "Thérèse", "Thierry",
    "Thomas", "Valérie", "Véronique", "Vincent", "Virginie", "Xavier", "Yann", "Zoé",
]
# Given names that combine into compound ones ("Jean-Marc", "Marie-Claire").
GIVEN_PREFIXES: list[str] = ["Jean", "Marie", "Anne", "Pierre", "Louis"]

FAMILY_NAMES: list[str] = [
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand",
    "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
    "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
    "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc",
    "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy",
    "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis",
    "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
    "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault",
    "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider",
    "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet",
    "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois",
    "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun",
    "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud",
    "Rodriguez", "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier",
    "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal",
    "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon",
    "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "El Amrani",
    "Benali", "Nguyen", "Van der Berg", "De Sousa", "Ortolan", "Pédron", "Lallemant",
]

SYLLABLES: list[str] = [
    "va", "lo", "ri", "ne", "co", "ter", "mo", "ka", "bel", "sy", "tra", "vi", "do", "lu",
    "max", "gen", "ox", "ar", "cé", "nor", "pha", "ré", "sol", "tec", "ul", "zé", "quan",
    "ben", "dia", "ela", "fin", "gar", "hel", "is", "jo", "kor", "lim", "mer", "nov", "opt",
]
SECTORS: list[str] = [
    "Énergies", "Services", "Recyclage", "Mobilité", "Éclairage", "Restauration", "Ingénierie",
    "Solutions", "Environnement", "Bâtiment", "Location", "Maintenance", "Textile", "Mobilier",
    "Réemploi", "Propreté", "Numérique", "Logistique", "Agroalimentaire", "Électronique",
]
LEGAL_FORMS: list[str] = ["SAS", "SA", "SARL", "SCOP", "SCIC"]

UNIT_NAMES: list[str] = [
    "Direction de la commande publique", "Service achats", "Direction du développement durable",
    "Service développement durable", "Direction de la transition écologique",
    "Mission économie circulaire", "Direction des finances", "Service juridique",
    "Direction de l'environnement", "Pôle ressources et moyens", "Service des marchés",
    "Direction des bâtiments", "Service énergie", "Direction de la restauration collective",
    "Service déchets", "Observatoire des déchets et de l'économie circulaire",
]

ATELIER_TOPICS: list[str] = [
    "commande publique & EFC", "achats responsables", "économie circulaire",
    "restauration collective", "énergie et éclairage public", "réemploi", "zéro plastique",
    "gestion des déchets", "coût global", "achats innovants", "mobilité partagée",
    "bâtiment durable", "numérique responsable", "évaluation des marchés",
    "coopération territoriale", "achats de services", "mobilier et équipements",
    "textile et uniformes",
]

JOB_TITLES: list[str] = [
    "Chargé de projet achat", "Chargée de mission économie circulaire", "Acheteur public",
    "Acheteuse", "Responsable achats", "Responsable du service marchés publics",
    "Directrice de la commande publique", "Directeur des finances", "Chargée de mission juridique",
    "Consultant juridique et financier", "Ingénieur", "Chef de projet", "Cheffe de projet",
    "Secrétaire générale", "Chargé de mission", "Directrice des programmes", "Designer",
    "Économiste", "Intervenant chercheur associé", "Responsable marketing et communication",
    "Référente économie de la fonctionnalité", "Ingénieur conseil synergies territoriales",
    "Responsable Mission Fonction Achat", "Régisseure projets", "Responsable éclairage public",
    "Directrice adjointe ressources et moyens, responsable commande publique",
    "Chargée de projets économie circulaire et déchets", "Business developer",
    "Responsable des activités didactiques", "Doctorante", "Élu délégué aux achats",
]

# (French, English) labels of procurement domains and levers.
DOMAINS: list[tuple[str, str]] = [
    ("Fourniture d'énergie", "Energy supply"), ("Gestion du tri", "Waste sorting"),
    ("Restauration collective", "Institutional catering"),
    ("Gestion des déchets de bureaux", "Office waste management"),
    ("Zéro plastique", "Zero plastic"), ("Éclairage public", "Public lighting"),
    ("Mobilier de bureau", "Office furniture"), ("Textile", "Textiles"),
    ("Transport scolaire", "School transport"),
    ("Entretien des espaces verts", "Green space maintenance"),
    ("Nettoyage des locaux", "Office cleaning"),
    ("Informatique et téléphonie", "IT and telephony"),
    ("Véhicules de service", "Service vehicles"),
    ("Scénographie et événementiel", "Scenography and events"),
    ("Fournitures scolaires", "School supplies"),
    ("Travaux de rénovation", "Renovation works"),
    ("Maintenance des bâtiments", "Building maintenance"),
    ("Eau et assainissement", "Water and sanitation"),
    ("Papier et impression", "Paper and printing"), ("Matériel médical", "Medical equipment"),
]
LEVERS: list[tuple[str, str]] = [
    ("Coût global", "Whole-life cost"), ("Analyse du cycle de vie", "Life-cycle assessment"),
    ("Analyse fonctionnelle", "Functional analysis"),
    ("Intégration des externalités", "Accounting for externalities"),
    ("Procédure d'achat innovante", "Innovative procurement procedure"),
    ("Définition du besoin en termes d'usage", "Defining the need in terms of use"),
    ("Marché de conception, réalisation, exploitation, maintenance (CREM)",
     "Design, build, operate and maintain contract (CREM)"),
    ("Groupement d'achat", "Group purchasing"), ("Sourçage", "Sourcing"),
    ("Clause sociale", "Social clause"), ("Clause environnementale", "Environmental clause"),
    ("Allotissement", "Division into lots"), ("Dialogue compétitif", "Competitive dialogue"),
    ("Partenariat d'innovation", "Innovation partnership"),
    ("Marché de performance", "Performance contract"), ("Variante autorisée", "Variants allowed"),
    ("Critère de réemploi", "Reuse criterion"), ("Avance forfaitaire", "Advance payment"),
]

# The organisation types of data/concepts.ttl: slug, French and English labels, and the head
# (acteur-public or acteur-prive) they are narrower than.
ORG_TYPE_HEADS: list[tuple[str, str, str]] = [
    ("acteur-public", "Acteur public", "Public actor"),
    ("acteur-prive", "Acteur privé", "Private actor"),
]
ORG_TYPES: list[tuple[str, str, str, str]] = [
    ("region", "Région", "Region", "acteur-public"),
    ("departement", "Département", "Département", "acteur-public"),
    ("commune", "Commune", "Municipality", "acteur-public"),
    ("epci", "Établissement public de coopération intercommunale", "Inter-municipal body",
     "acteur-public"),
    ("agence-etat", "Agence ou service de l'État", "State agency or service", "acteur-public"),
    ("enseignement-recherche", "Enseignement supérieur et recherche",
     "Higher education and research", "acteur-public"),
    ("etablissement-culturel", "Établissement culturel", "Cultural institution",
     "acteur-public"),
    ("entreprise", "Entreprise", "Company", "acteur-prive"),
    ("conseil", "Conseil", "Consultancy", "acteur-prive"),
    ("association", "Association", "Association", "acteur-prive"),
    ("laboratoire", "Laboratoire", "Laboratory", "acteur-prive"),
    ("centre-ressources", "Centre de ressources", "Resource centre", "acteur-prive"),
]
ROLES: list[tuple[str, str, str]] = [
    ("participant", "Participant", "Participant"),
    ("animateur", "Animateur", "Facilitator"),
    ("coordinateur", "Coordinateur", "Coordinator"),
    ("intervenant-podcast", "Intervenant du podcast", "Podcast speaker"),
    ("presentateur-cas", "Présentateur de cas", "Case presenter"),
]

MONTHS_FR: list[str] = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
]
