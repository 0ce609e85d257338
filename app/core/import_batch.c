/* import_batch: validated spots wait here and go to the store in spot_id
 * order. UUID v4 ids are random, so rows in file order land all over the
 * spot_id index; sorted, each insert lands next to the last one, and a
 * million-row import spends far less time seeking and shifting index
 * pages. The batch is bounded (IMPORT_BATCH_MAX rows), so memory stays
 * flat whatever the size of the bundle. */
#include "import_int.h"
#include "bundle.h"

#include <stdlib.h>
#include <string.h>

/* A validated spot, compact: a full `spot` carries a 4 KB note buffer. */
typedef struct pending {
    char id[IDS_UUID_LEN + 1];
    char walk_id[IDS_UUID_LEN + 1];
    char category[MODEL_CODE_MAX + 1];
    unsigned char has_accuracy, source, severity, deleted;
    int64_t created_at, updated_at, revision;
    double lat, lon, accuracy_m;
    long line;          /* in spots.csv, for messages */
    size_t note_off, note_len;
} pending;

int batch_init(spot_batch *b, err_t *e)
{
    memset(b, 0, sizeof *b);
    if (!(b->scratch = malloc(sizeof *b->scratch)))
        return err_set(e, "out of memory importing spots");
    return 0;
}

void batch_free(spot_batch *b)
{
    free(b->rows);
    free(b->order);
    free(b->notes);
    free(b->scratch);
    memset(b, 0, sizeof *b);
}

static int grow(void **p, size_t *cap, size_t need, size_t size, err_t *e)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 1024;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return err_set(e, "out of memory holding %zu spots to import", need);
    *p = q;
    *cap = n;
    return 0;
}

int batch_add(spot_batch *b, const spot *p, long line, err_t *e)
{
    size_t note_len = strlen(p->note);
    if (grow((void **)&b->rows, &b->cap, b->n + 1, sizeof(pending), e) ||
        grow((void **)&b->notes, &b->notes_cap, b->notes_len + note_len + 1, 1,
             e))
        return -1;
    pending *r = &b->rows[b->n++];
    memcpy(r->id, p->id, sizeof r->id);
    memcpy(r->walk_id, p->walk_id, sizeof r->walk_id);
    memcpy(r->category, p->category, sizeof r->category);
    r->has_accuracy = (unsigned char)p->has_accuracy;
    r->source = (unsigned char)p->source;
    r->severity = (unsigned char)p->severity;
    r->deleted = (unsigned char)p->deleted;
    r->created_at = p->created_at;
    r->updated_at = p->updated_at;
    r->revision = p->revision;
    r->lat = p->lat;
    r->lon = p->lon;
    r->accuracy_m = p->accuracy_m;
    r->line = line;
    r->note_off = b->notes_len;
    r->note_len = note_len;
    memcpy(b->notes + b->notes_len, p->note, note_len);
    b->notes_len += note_len;
    return 0;
}

static void unpack(const spot_batch *b, const pending *r, spot *p)
{
    memcpy(p->id, r->id, sizeof p->id);
    memcpy(p->walk_id, r->walk_id, sizeof p->walk_id);
    memcpy(p->category, r->category, sizeof p->category);
    p->has_accuracy = r->has_accuracy;
    p->source = (model_source)r->source;
    p->severity = r->severity;
    p->deleted = r->deleted;
    p->created_at = r->created_at;
    p->updated_at = r->updated_at;
    p->revision = r->revision;
    p->lat = r->lat;
    p->lon = r->lon;
    p->accuracy_m = r->accuracy_m;
    memcpy(p->note, b->notes + r->note_off, r->note_len);
    p->note[r->note_len] = '\0';
}

static int by_id(const void *a, const void *b)
{
    const pending *x = *(const pending *const *)a;
    const pending *y = *(const pending *const *)b;
    return memcmp(x->id, y->id, IDS_UUID_LEN);
}

int batch_flush(imp *m, err_t *e)
{
    spot_batch *b = &m->batch;
    if (b->n == 0)
        return 0;
    if (grow((void **)&b->order, &b->order_cap, b->n, sizeof(pending *), e))
        return -1;
    for (size_t i = 0; i < b->n; i++)
        b->order[i] = &b->rows[i];
    qsort(b->order, b->n, sizeof *b->order, by_id);
    spot *p = b->scratch;
    int rc = 0;
    /* The spot that spot_row parsed into scratch is in rows already. */
    for (size_t i = 0; i < b->n && rc == 0; i++) {
        store_outcome out;
        unpack(b, b->order[i], p);
        rc = store_import_spot(m->st, p, &out, e);
        if (rc)
            err_prefix(e, "%s line %ld, field %s", BUNDLE_SPOTS,
                       b->order[i]->line, bundle_spot_cols[0]);
        else
            m->rep->spots[out]++;
    }
    b->n = 0;
    b->notes_len = 0;
    return rc;
}
