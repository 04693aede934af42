/* aliases_bundled.c - the small compiled-in list of widely known aliases
 * (organisations and places everyone abbreviates), in the alias file format
 * of entity.h. Kept modest on purpose: a user's alias file adds the rest. */
#include "entity.h"

static const char BUNDLED[] =
    "# Widely known names of organisations and places (storyfold bundled list).\n"
    "org: Islamic State = IS = ISIS = ISIL = Daesh = Islamic State of Iraq and the Levant = Islamic State of Iraq and Syria\n"
    "org: United Nations = UN = U.N.\n"
    "org: European Union = EU = E.U.\n"
    "org: North Atlantic Treaty Organization = NATO = Nato\n"
    "org: World Health Organization = WHO\n"
    "org: International Monetary Fund = IMF\n"
    "org: World Trade Organization = WTO\n"
    "org: Federal Bureau of Investigation = FBI = F.B.I.\n"
    "org: Central Intelligence Agency = CIA = C.I.A.\n"
    "org: Environmental Protection Agency = EPA\n"
    "org: National Aeronautics and Space Administration = NASA\n"
    "org: Organization of the Petroleum Exporting Countries = OPEC\n"
    "org: Palestine Liberation Organization = PLO\n"
    "org: Irish Republican Army = IRA\n"
    "org: Kurdistan Workers' Party = PKK\n"
    "org: African National Congress = ANC\n"
    "org: Red Cross = International Committee of the Red Cross = ICRC\n"
    "place: United States = US = U.S. = USA = U.S.A. = United States of America\n"
    "place: United Kingdom = UK = U.K. = Britain = Great Britain\n"
    "place: Soviet Union = USSR = U.S.S.R.\n"
    "place: United Arab Emirates = UAE = U.A.E.\n"
    "place: Democratic Republic of the Congo = DRC = DR Congo\n";

const char *sf__alias_bundled_text(void) { return BUNDLED; }
