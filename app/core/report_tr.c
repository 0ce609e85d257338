/* report_tr: the report's words in Swedish (the default: the report is for
 * Filipstad's website and paper) and English. Role and light words are
 * the touch app's (app/ui/ui_tr.c), so a walker recognises them. Category
 * labels are not here: they come from the categories table.
 *
 * Not for: the app's screens (ui_tr.c). */
#include "report_int.h"

#include <string.h>

static const char *const WORDS[TR_COUNT][2] = {
    [TR_DOC_TITLE] = {"Trygghetsvandringar i Filipstad",
                      "Safety walks in Filipstad"},
    [TR_SUBTITLE] = {"Årlig uppföljning", "Yearly follow-up"},
    [TR_PUBLIC_NOTE] = {"Offentlig version: utan anteckningar, vandringarnas "
                        "namn och områden och kommunens kommentarer.",
                        "Public version: without notes, walk titles and "
                        "areas, or the municipality's comments."},
    [TR_FULL_NOTE] = {"Intern version för kommunens personal. Anteckningar, "
                      "namn och kommentarer kan innehålla personuppgifter: "
                      "publicera inte den här versionen (gör en offentlig "
                      "med --public).",
                      "Internal version for the municipality's staff. Notes, "
                      "titles and comments may contain personal data: do not "
                      "publish this version (make a public one with "
                      "--public)."},
    [TR_MADE] = {"Sammanställd", "Compiled"},
    [TR_K_WALKS] = {"vandringar", "walks"},
    [TR_K_PARTICIPANTS] = {"deltagare", "participants"},
    [TR_K_UNSAFE] = {"otrygga platser", "unsafe spots"},
    [TR_K_SAFE] = {"trygga platser", "safe places"},
    [TR_K_FIXED] = {"förra årets platser åtgärdade",
                    "last year's spots fixed"},
    [TR_OF] = {"av", "of"},
    [TR_H_MAP] = {"Karta", "Map"},
    [TR_MAP_ARIA] = {"Karta över centrum med årets platser",
                     "Map of the centre with the year's spots"},
    [TR_LEG_COLOUR] = {"Färg: kategori", "Colour: category"},
    [TR_LEG_SIZE] = {"Storlek: allvarlighet", "Size: severity"},
    [TR_LEG_SAFE] = {"trygg plats", "safe place"},
    [TR_LEG_NONE] = {"utan allvarlighet", "no severity"},
    [TR_OUTSIDE_1] = {"plats ligger utanför kartans utsnitt och visas vid "
                      "kanten.",
                      "spot lies outside the map's view and is shown at its "
                      "edge."},
    [TR_OUTSIDE_N] = {"platser ligger utanför kartans utsnitt och visas vid "
                      "kanten.",
                      "spots lie outside the map's view and are shown at its "
                      "edge."},
    [TR_SCHEMATIC] = {"Schematisk karta", "Schematic map"},
    [TR_MAP_SOURCE] = {"Kartunderlag:", "Map data:"},
    [TR_NO_MAP] = {"Ingen baskarta: rutnät med 100 m mellan linjerna.",
                   "No base map: a grid with 100 m between lines."},
    [TR_NO_SPOTS_MAP] = {"Inga platser att visa.", "No spots to show."},
    [TR_H_CATSEV] = {"Platser per kategori och allvarlighet",
                     "Spots by category and severity"},
    [TR_CATSEV_INTRO] = {"Allvarlighet 1 = lite otryggt, 2 = otryggt, 3 = "
                         "mycket otryggt. Trygga platser och platser utan "
                         "allvarlighet räknas i kolumnen längst till höger.",
                         "Severity 1 = a little unsafe, 2 = unsafe, 3 = very "
                         "unsafe. Safe places and spots without a severity "
                         "are counted in the rightmost column."},
    [TR_CATEGORY] = {"Kategori", "Category"},
    [TR_SEV] = {"Allv.", "Sev."},
    [TR_POS_NONE] = {"Trygg / utan", "Safe / none"},
    [TR_TOTAL] = {"Totalt", "Total"},
    [TR_H_WALKS] = {"Vandringar", "Walks"},
    [TR_DATE] = {"Datum", "Date"},
    [TR_WALK_TITLE] = {"Namn", "Title"},
    [TR_AREA] = {"Område", "Area"},
    [TR_ROLE] = {"Vem", "Who"},
    [TR_LIGHT] = {"Ljus", "Light"},
    [TR_PARTICIPANTS] = {"Deltagare", "Participants"},
    [TR_SPOTS] = {"Platser", "Spots"},
    [TR_NO_WALKS] = {"Inga vandringar registrerades det här året.",
                     "No walks were recorded this year."},
    [TR_H_POSITIVE] = {"Trygga platser", "Safe places"},
    [TR_POSITION] = {"Position (WGS84)", "Position (WGS84)"},
    [TR_NOTE] = {"Anteckning", "Note"},
    [TR_NO_POSITIVE] = {"Inga trygga platser markerades.",
                        "No safe places were marked."},
    [TR_H_YOY] = {"Jämfört med förra året", "Compared with last year"},
    [TR_CHANGE] = {"Förändring", "Change"},
    [TR_H_FOLLOWUP] = {"Vad hände med förra årets platser?",
                       "What became of last year's spots?"},
    [TR_FU_INTRO] = {"Otrygga platser från förra årets vandringar: kommunens "
                     "beslut (status nu) och vad vandrarna senast svarade "
                     "när de gick förbi platsen igen.",
                     "Unsafe spots from last year's walks: the "
                     "municipality's decision (status now) and what walkers "
                     "last answered when they passed the spot again."},
    [TR_FU_BY_CAT] = {"Status nu per kategori", "Status now by category"},
    [TR_FU_LIST] = {"Platserna en och en", "The spots one by one"},
    [TR_NO_FOLLOWUP] = {"Förra året markerades inga otrygga platser.",
                        "No unsafe spots were marked last year."},
    [TR_NR] = {"Nr", "No."},
    [TR_FOUND] = {"Hittad", "Found"},
    [TR_STATUS] = {"Status", "Status"},
    [TR_DECIDED] = {"Beslut", "Decided"},
    [TR_COMMENT] = {"Kommentar", "Comment"},
    [TR_ANSWER] = {"Vandrarnas svar", "Walkers' answer"},
    [TR_ANSWERED] = {"Svarat", "Answered"},
    [TR_NO_ANSWER] = {"Inget svar", "No answer"},
    [TR_H_ALL] = {"Alla årets platser", "All of the year's spots"},
    [TR_ALL_INTRO] = {"Med anteckningar, i den ordning de markerades. Nr är "
                      "början på platsens id (trygg spot status NR).",
                      "With notes, in the order they were marked. No. is "
                      "the start of the spot's id (trygg spot status NO)."},
    [TR_NO_SPOTS] = {"Inga platser markerades.", "No spots were marked."},
    [TR_FOOT_MADE] = {"Gjord med trygg", "Made with trygg"},
    [TR_FOOT_TIMES] = {"Datum och tider i lokal tid. Ett år är vandringarna "
                       "som började det året.",
                       "Dates and times in local time. A year is the walks "
                       "that started in it."},
};

const char *tr(report_lang l, tr_key k)
{
    const char *w = k < TR_COUNT ? WORDS[k][l == REPORT_EN] : NULL;
    return w ? w : "?";
}

const char *tr_status(report_lang l, model_status s)
{
    static const char *const W[][2] = {
        {"Öppen", "Open"}, {"Planerad", "Planned"},
        {"Åtgärdad", "Fixed"}, {"Åtgärdas inte", "Won't fix"}};
    int i = s >= STATUS_OPEN && s <= STATUS_WONTFIX ? (int)s - 1 : 0;
    return W[i][l == REPORT_EN];
}

const char *tr_answer(report_lang l, model_answer a)
{
    return a == ANSWER_FIXED ? (l == REPORT_EN ? "Fixed" : "Åtgärdat")
                             : (l == REPORT_EN ? "Still a problem" : "Kvar");
}

const char *tr_role(report_lang l, model_role r)
{
    static const char *const W[][2] = {{"Medborgare", "Citizen"},
                                       {"Polisvolontär", "Police volunteer"},
                                       {"Personal", "Staff"}};
    int i = r >= ROLE_CITIZEN && r <= ROLE_STAFF ? (int)r - 1 : 0;
    return W[i][l == REPORT_EN];
}

const char *tr_light(report_lang l, model_light x)
{
    static const char *const W[][2] = {{"", ""},
                                       {"Dagsljus", "Daylight"},
                                       {"Skymning", "Dusk"},
                                       {"Mörker", "Dark"}};
    int i = x >= LIGHT_NONE && x <= LIGHT_DARK ? (int)x : 0;
    return W[i][l == REPORT_EN];
}

const char *tr_severity(report_lang l, int severity)
{
    static const char *const W[][2] = {{"lite otryggt", "a little unsafe"},
                                       {"otryggt", "unsafe"},
                                       {"mycket otryggt", "very unsafe"}};
    return severity >= 1 && severity <= 3 ? W[severity - 1][l == REPORT_EN]
                                          : "";
}

int report_parse_lang(const char *s, report_lang *out)
{
    if (strcmp(s, "sv") == 0)
        *out = REPORT_SV;
    else if (strcmp(s, "en") == 0)
        *out = REPORT_EN;
    else
        return 0;
    return 1;
}
