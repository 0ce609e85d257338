/* PLACEHOLDER owned by the follow-up helper: replaced by the real module. */
#include "followup.h"

int followup_write(store *st, const char *out_dir, int year,
                   const char *app_version, followup_result *res, err_t *e)
{
    (void)st; (void)out_dir; (void)year; (void)app_version; (void)res;
    return err_set(e, "followup_write: not built yet");
}

int followup_import(store *st, const char *dir, followup_report *rep,
                    err_t *e)
{
    (void)st; (void)dir; (void)rep;
    return err_set(e, "followup_import: not built yet");
}

int followup_find(const char *dir, char *out, size_t cap, err_t *e)
{
    (void)dir; (void)out; (void)cap;
    return err_set(e, "followup_find: not built yet");
}
