/* salvage: see salvage.h. */
#include "salvage.h"

#include <string.h>

int salvage_bundle(const char *damaged, const char *out_dir,
                   const char *app_version, salvage_result *r, err_t *e)
{
    store *mem = NULL;
    memset(r, 0, sizeof *r);
    /* Fail on an unusable folder before reading anything. */
    if (bundle_dir_usable(out_dir, e))
        return -1;
    if (store_open(&mem, ":memory:", NULL, e))
        return err_prefix(e, "cannot make room to rescue %s", damaged);
    int rc = store_salvage_from(mem, damaged, &r->n, e);
    if (rc == 0 && r->n.walks > 0)
        rc = bundle_write(mem, out_dir, 1, app_version, &r->bundle, e);
    store_close(mem);
    return rc;
}
