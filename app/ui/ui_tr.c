/* ui_tr: the app's texts; see ui_tr.h. */
#include "ui_tr.h"

static const char *const TEXTS[T_N_STRINGS][LANG_N] = {
    [T_APP_TITLE] = {"Trygghetsvandring", "Safety walk"},
    [T_NEW_WALK] = {"Ny vandring", "New walk"},
    [T_CONTINUE_WALK] = {"Fortsätt vandring", "Continue walk"},
    [T_SYNC] = {"Synka", "Sync"},
    [T_OTHER_LANG] = {"In English", "På svenska"},
    [T_NO_OPEN_WALK] = {"Ingen vandring pågår.", "No walk in progress."},
    [T_OPEN_WALK_SINCE] = {"En vandring pågår sedan %s.",
                           "A walk has been in progress since %s."},
    [T_ROLE] = {"Jag går som", "I walk as"},
    [T_ROLE_CITIZEN] = {"Medborgare", "Citizen"},
    [T_ROLE_VOLUNTEER] = {"Polisvolontär", "Police volunteer"},
    [T_ROLE_STAFF] = {"Personal", "Staff"},
    [T_LIGHT] = {"Ljus just nu", "Light right now"},
    [T_LIGHT_DAY] = {"Dagsljus", "Daylight"},
    [T_LIGHT_DUSK] = {"Skymning", "Dusk"},
    [T_LIGHT_DARK] = {"Mörker", "Dark"},
    [T_TITLE_OPT] = {"Namn på vandringen (frivilligt)",
                     "Name of the walk (optional)"},
    [T_PARTICIPANTS] = {"Deltagare", "Participants"},
    [T_START] = {"Starta", "Start"},
    [T_BACK] = {"Tillbaka", "Back"},
    [T_CANCEL] = {"Avbryt", "Cancel"},
    [T_DONE] = {"Klar", "Done"},
    [T_MARK] = {"Markera plats", "Mark spot"},
    [T_LIST] = {"Lista", "List"},
    [T_END_WALK] = {"Avsluta vandring", "End walk"},
    [T_ZOOM_IN] = {"Zooma in", "Zoom in"},
    [T_ZOOM_OUT] = {"Zooma ut", "Zoom out"},
    [T_N_SPOTS] = {"%d platser", "%d spots"},
    [T_ONE_SPOT] = {"1 plats", "1 spot"},
    [T_N_WALKS] = {"%d vandringar", "%d walks"},
    [T_ONE_WALK] = {"1 vandring", "1 walk"},
    [T_SEVERITY_1] = {"Lite otryggt", "A little unsafe"},
    [T_SEVERITY_2] = {"Otryggt", "Unsafe"},
    [T_SEVERITY_3] = {"Mycket otryggt", "Very unsafe"},
    [T_NOTE] = {"Anteckning", "Note"},
    [T_SAVE] = {"Spara", "Save"},
    [T_SAVED] = {"Sparat", "Saved"},
    [T_UNDO] = {"Ångra", "Undo"},
    [T_UNDONE] = {"Platsen togs bort", "The spot was removed"},
    [T_CHOOSE_CATEGORY] = {"Vad är otryggt här?", "What feels unsafe here?"},
    [T_PICK_FIRST] = {"Tryck först på det som stämmer, sedan Spara.",
                      "First tap what fits, then Save."},
    [T_ERR_FOLDER] = {"Mappen går inte att använda: %s. Inget är markerat "
                      "som synkat.",
                      "The folder cannot be used: %s. Nothing is marked as "
                      "synced."},
    [T_POSITIVE_NO_SEVERITY] = {"En trygg plats har ingen grad.",
                                "A safe place has no degree."},
    [T_EDIT_SPOT] = {"Ändra plats", "Edit spot"},
    [T_SAVE_CHANGES] = {"Spara ändringar", "Save changes"},
    [T_DELETE] = {"Ta bort", "Delete"},
    [T_DELETE_ASK] = {"Ta bort platsen?", "Delete this spot?"},
    [T_DELETE_YES] = {"Ja, ta bort", "Yes, delete"},
    [T_DELETE_NO] = {"Nej, behåll", "No, keep it"},
    [T_DELETED] = {"Borttagen", "Deleted"},
    [T_NO_SPOTS] = {"Inga platser ännu.", "No spots yet."},
    [T_SPOTS_OF_WALK] = {"Platser på vandringen", "Spots on this walk"},
    [T_END_ASK] = {"Avsluta vandringen?", "End the walk?"},
    [T_END_YES] = {"Ja, avsluta", "Yes, end it"},
    [T_END_NO] = {"Fortsätt vandra", "Keep walking"},
    [T_WALK_ENDED] = {"Vandringen är avslutad", "The walk has ended"},
    [T_SUMMARY_TOTAL] = {"Totalt %s", "%s in all"},
    [T_SYNC_TITLE] = {"Synka till", "Sync to"},
    [T_SYNC_DEFAULT] = {"Standardmapp", "Default folder"},
    [T_SYNC_MEDIA] = {"USB: %s", "USB: %s"},
    [T_SYNC_NOTHING] = {"Inget nytt att synka.", "Nothing new to sync."},
    [T_SYNC_DONE] = {"%s och %s sparades i", "%s and %s were saved in"},
    [T_SYNC_WHERE] = {"Välj var paketet ska sparas.",
                      "Choose where to save the bundle."},
    [T_ERR_NOSPACE] = {"Det får inte plats: lagringen är full. Inget är "
                       "markerat som synkat.",
                       "It does not fit: the storage is full. Nothing is "
                       "marked as synced."},
    [T_ERR_READONLY] = {"Det går inte att skriva där (skrivskyddat). Inget "
                        "är markerat som synkat.",
                        "That place is read-only. Nothing is marked as "
                        "synced."},
    [T_ERR_GONE] = {"Mappen finns inte längre (är minnet utdraget?). Inget "
                    "är markerat som synkat.",
                    "The folder is gone (was the stick pulled out?). "
                    "Nothing is marked as synced."},
    [T_ERR_IO] = {"Synkningen misslyckades: skrivfel på lagringen (drogs "
                  "minnet ut?). Inget är markerat som synkat.",
                  "The sync failed: write error on the storage (was the "
                  "stick pulled out?). Nothing is marked as synced."},
    [T_ERR_OTHER] = {"Det gick inte: %s", "It failed: %s"},
    [T_NOTE_TITLE] = {"Anteckning", "Note"},
    [T_NAME] = {"Namn", "Name"},
    [T_NOTE_EMPTY] = {"(ingen anteckning)", "(no note)"},
    [T_PHRASE_1] = {"Mörkt", "Dark"},
    [T_PHRASE_2] = {"Trasig lampa", "Broken lamp"},
    [T_PHRASE_3] = {"Skymd sikt", "Blocked view"},
    [T_PHRASE_4] = {"Folk samlas", "People gather"},
    [T_POS_MAP] = {"Platsen hamnar vid korset", "The spot goes at the cross"},
    [T_GPS_OFF] = {"GPS av", "GPS off"},
    [T_GPS_CONNECTING] = {"GPS saknas: %s", "No GPS: %s"},
    [T_GPS_NO_FIX] = {"GPS söker position…", "GPS is looking for a position…"},
    [T_GPS_FIX] = {"GPS ±%.0f m", "GPS ±%.0f m"},
    [T_GPS_STALE] = {"GPS ±%.0f m, %d s gammal", "GPS ±%.0f m, %d s old"},
    [T_GPS_SIM] = {"SIMULERAD ", "SIMULATED "},
    [T_GPS_TAKES] = {"Platsen tas från GPS (±%.0f m, %d mätningar)",
                     "The spot takes the GPS position (±%.0f m, %d fixes)"},
    [T_GPS_POOR] = {"GPS för osäker (±%.0f m): platsen hamnar vid korset",
                    "GPS too uncertain (±%.0f m): the spot goes at the cross"},
    [T_GPS_NONE] = {"Ingen GPS: platsen hamnar vid korset",
                    "No GPS: the spot goes at the cross"},
    [T_MY_POS] = {"Min position", "My position"},
    [T_MOVE_HERE] = {"Flytta till korset", "Move to the cross"},
    [T_FOLLOWUP] = {"Uppföljning", "Follow-up"},
    [T_FU_LEFT] = {"Uppföljning: %d kvar att titta på",
                   "Follow-up: %d left to look at"},
    [T_FU_ALL_DONE] = {"Uppföljning: alla är besvarade",
                       "Follow-up: all are answered"},
    /* a marker's name, for scripts: its place in the list, its category */
    [T_FU_MARKER] = {"Uppföljning %d: %s", "Follow-up %d: %s"},
    [T_FU_ASK] = {"Hur är det här nu?", "How is it here now?"},
    [T_FU_STILL] = {"Kvar", "Still a problem"},
    [T_FU_FIXED] = {"Åtgärdat", "Fixed"},
    [T_FU_FOUND] = {"Hittad %s", "Found %s"},
    [T_FU_STATUS] = {"Kommunen: %s", "The municipality: %s"},
    [T_STATUS_OPEN] = {"Öppen", "Open"},
    [T_STATUS_PLANNED] = {"Planerad", "Planned"},
    [T_STATUS_FIXED] = {"Åtgärdad", "Fixed"},
    [T_STATUS_WONTFIX] = {"Inte aktuell", "Will not be fixed"},
    [T_FU_EARLIER] = {"Svar härifrån %s: %s", "Answered here %s: %s"},
    [T_FU_GET] = {"Hämta uppföljning", "Get follow-up list"},
    [T_FU_GOT] = {"%s att följa upp, lista från %s",
                  "%s to follow up, list of %s"},
    [T_FU_NONE] = {"Ingen uppföljningslista hittades i %s.",
                   "No follow-up list was found in %s."},
    [T_FU_SAME] = {"Listan här är redan den senaste (från %s).",
                   "The list here is already the newest (of %s)."},
    [T_FU_WHERE] = {"Uppföljningslistan från kommunen, från standardmappen "
                    "eller ett USB-minne:",
                    "The municipality's follow-up list, from the default "
                    "folder or a USB stick:"},
    [T_DMG_TITLE] = {"Filen är skadad", "The file is damaged"},
    [T_DMG_TEXT] = {"trygg kan inte öppna filen med vandringarna: den är "
                    "skadad. Den har inte ändrats; spara den åt kommunen. "
                    "Det som går att läsa kan sparas som en vanlig synkmapp "
                    "och importeras av kommunen.",
                    "trygg cannot open the file with the walks: it is "
                    "damaged. It has not been changed; keep it for the "
                    "municipality. What can still be read can be saved as "
                    "an ordinary sync folder for the municipality to import."},
    [T_DMG_WHERE] = {"Spara det som går att läsa i:",
                     "Save what can be read to:"},
    [T_DMG_DONE] = {"Räddat: %s och %s.", "Rescued: %s and %s."},
    [T_DMG_LOST] = {"%lld rader gick inte att läsa.",
                    "%lld rows could not be read."},
    [T_DMG_TAIL] = {"Slutet av filen gick inte att läsa.",
                    "The end of the file could not be read."},
    [T_DMG_NOTHING] = {"Ingen vandring gick att läsa. Lämna enheten och "
                       "filen till kommunen.",
                       "No walk could be read. Hand the device and the file "
                       "to the municipality."},
    [T_DMG_FAILED] = {"Det gick inte att spara: %s",
                      "Could not save: %s"},
    [T_QUIT] = {"Avsluta", "Quit"},
};

const char *ui_tr(ui_lang lang, ui_str s)
{
    if ((unsigned)lang >= LANG_N || (unsigned)s >= T_N_STRINGS ||
        !TEXTS[s][lang])
        return "?";
    return TEXTS[s][lang];
}
