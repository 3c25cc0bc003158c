"""Word pools for the generated news corpus: people, places, organisations, and per-topic sentence templates.

No name used in the sample article (Torres, Herrera, Ramírez, Guzmán, Guerrero, Cienfuegos, López Obrador...)
appears here, so a generated article can resemble the sample without answering its questions.
"""

from __future__ import annotations


def _split(text: str, sep: str | None = None) -> list[str]:
    return [w.strip() for w in text.replace("\n", "" if sep else " ").split(sep) if w.strip()]


ES_FIRST = _split(
    """
Alejandro Beatriz Carlos Daniela Emilio Fernanda Gabriel Hilda Ignacio Jimena Julio Karla Leonardo Marisol
Nicolás Olivia Pablo Rocío Sergio Teresa Ulises Valeria Xavier Yolanda Adrián Brenda Cristian Dolores
Esteban Fabiola Gustavo Irene Joaquina Lorenzo Mónica Norberto Patricia Raúl Silvia Tomás Verónica
Mateo Lucía Diego Paula Camila Ana
"""
)

OTHER_FIRST = _split(
    """
Amelia Benjamin Charlotte David Eleanor Frank Grace Henry Isabel James Katherine Liam Margaret Nathan
Priya Rahul Sofia Thomas Ursula Victor Wendy Yusuf Zainab Hannah Oliver Chloe Lucas Mei Kenji Aisha
Omar Ingrid Lars Anneke Pieter Giulia Marco Elena Dmitri João
"""
)

ES_SURNAMES = _split(
    """
Acosta Aguilar Alvarado Barrera Beltrán Cabrera Camacho Cárdenas Castañeda Cervantes Contreras Delgado
Domínguez Escobar Espinoza Estrada Figueroa Fuentes Gallardo Gallegos Ibarra Juárez Lara León Lozano
Maldonado Marín Medina Mejía Meléndez Miranda Montoya Navarro Ochoa Orozco Pacheco Padilla Peña Quintero
Rosales Salazar Sandoval Santana Solís Tapia Trujillo Valdez Vega Velázquez Villarreal Zamora Zúñiga
"""
)

OTHER_SURNAMES = _split(
    """
Anderson Bennett Brooks Carter Donovan Ellis Fletcher Gardner Harper Hughes Jensen Keller Lambert Morgan
Nakamura Okafor Patel Quinn Reyes-Webb Schmidt Sullivan Thornton Underwood Vance Whitaker Young Kowalski
Lindqvist Moreau Rossi Bianchi Novak Haddad Mensah Tanaka Kimura Costa Silva Oliveira Jansen Dubois
"""
)

ALIASES = _split(
    """
El Güero|El Chino|El Mudo|El Flaco|El Gordo|El Tigre|El Cholo|El Chaparro|El Ruso|El Toro|La Güera|El Pelón
|El Contador|El Profe|El Jaguar|El Alacrán|El Zurdo|El Gallo|El Primo|La Tía|El Cuervo|El Lobo|El Diablo
|El Cabo|El Mono|El Huevo|El Abuelo|El Pollo|El Tuerto|El Navegante
""",
    "|",
)

MX_PLACES = [
    ("Culiacán", "Sinaloa"),
    ("Mazatlán", "Sinaloa"),
    ("Los Mochis", "Sinaloa"),
    ("Hermosillo", "Sonora"),
    ("Nogales", "Sonora"),
    ("Ciudad Obregón", "Sonora"),
    ("San Luis Río Colorado", "Sonora"),
    ("Reynosa", "Tamaulipas"),
    ("Matamoros", "Tamaulipas"),
    ("Nuevo Laredo", "Tamaulipas"),
    ("Morelia", "Michoacán"),
    ("Uruapan", "Michoacán"),
    ("Apatzingán", "Michoacán"),
    ("Guadalajara", "Jalisco"),
    ("Puerto Vallarta", "Jalisco"),
    ("Zacatecas", "Zacatecas"),
    ("Fresnillo", "Zacatecas"),
    ("Ciudad Juárez", "Chihuahua"),
    ("Parral", "Chihuahua"),
    ("Celaya", "Guanajuato"),
    ("Irapuato", "Guanajuato"),
    ("Cancún", "Quintana Roo"),
    ("Ensenada", "Baja California"),
    ("Tecate", "Baja California"),
    ("Cuernavaca", "Morelos"),
    ("Colima", "Colima"),
]

CARTELS = [
    "the Gulf Cartel",
    "the Jalisco New Generation Cartel",
    "the Juárez Cartel",
    "La Familia Michoacana",
    "the Santa Rosa de Lima Cartel",
    "the Cárteles Unidos",
    "the Northeast Cartel",
    "the Beltrán Leyva organisation",
]

WORLD_PLACES = [
    ("Valparaíso", "Chile"),
    ("Porto", "Portugal"),
    ("Lyon", "France"),
    ("Turin", "Italy"),
    ("Rotterdam", "the Netherlands"),
    ("Gdańsk", "Poland"),
    ("Accra", "Ghana"),
    ("Mombasa", "Kenya"),
    ("Osaka", "Japan"),
    ("Busan", "South Korea"),
    ("Pune", "India"),
    ("Cebu", "the Philippines"),
    ("Perth", "Australia"),
    ("Halifax", "Canada"),
    ("Denver", "the United States"),
    ("Tucson", "the United States"),
    ("El Paso", "the United States"),
    ("Cleveland", "the United States"),
    ("Glasgow", "Scotland"),
    ("Cork", "Ireland"),
    ("Bergen", "Norway"),
    ("Medellín", "Colombia"),
    ("Cusco", "Peru"),
    ("Córdoba", "Argentina"),
    ("Montevideo", "Uruguay"),
    ("Curitiba", "Brazil"),
    ("Izmir", "Turkey"),
    ("Tbilisi", "Georgia"),
]

COMPANIES = _split(
    """
Norvale Energy|Pacific Rail Holdings|Altamira Foods|Brightwater Telecom|Cordillera Mining|Helios Solar Works
|Marisma Shipping|Quetzal Airlines|Tessellate Software|Granite Peak Cement|Aurora Biotech|Lumen Retail Group
|Sierra Azul Beverages|Kestrel Motors|Bluefin Fisheries|Orchard Lane Bank|Vireo Pharmaceuticals|Ironbridge Steel
""",
    "|",
)

TEAMS = _split(
    """
Atlético Ribera|Deportivo Sierra|Real Costa|Union Portuaria|Club Halcones|Racing del Norte|FC Lagunas
|Sporting Valle|Estrella Roja|Los Pumas del Sur|Atlético Bahía|Club Ferroviario
""",
    "|",
)

FESTIVALS = [
    "the city's film festival",
    "the annual book fair",
    "a jazz festival",
    "the folk music week",
    "the contemporary art biennial",
    "a food and wine fair",
]

ROLES = [
    "the mayor",
    "a city council member",
    "the regional governor",
    "the head of the chamber of commerce",
    "a spokesperson for the ministry",
    "the director of the local hospital",
    "a professor of economics at the state university",
    "the president of the neighbourhood association",
]

OFFICIAL_ROLES = [
    "the state prosecutor",
    "a spokesperson for the Defence Ministry",
    "the state security secretary",
    "a National Guard commander",
    "the attorney general's office",
    "the municipal police chief",
]

WEAPONS = ["assault rifles", "grenades", "a .50-calibre rifle", "pistols", "armoured pick-up trucks", "drones"]
DRUGS = ["fentanyl pills", "methamphetamine", "cocaine", "heroin", "marijuana", "precursor chemicals"]
