/*
 * test_cat: the category table (cat): the built-in default, a table of
 * refused files each with where and why in its message, and a file with
 * columns in another order.
 */
#include "cat.h"
#include "csv.h"
#include "testhelp.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_cat_default(void)
{
    cat_table t;
    err_t e = {{0}, 0};
    CHECK_INT(cat_default(&t, &e), 0);
    CHECK_INT(t.n, 16);
    int n_positive = 0;
    for (size_t i = 0; i < t.n; i++)
        n_positive += t.v[i].positive;
    CHECK_INT(n_positive, 1);
    const cat_entry *safe = cat_find(&t, "safe");
    CHECK(safe && safe->positive == 1);
    const cat_entry *light = cat_find(&t, "lighting");
    CHECK(light && light->positive == 0);
    CHECK_STR(light ? light->label_sv : NULL, "Dålig belysning");
    CHECK_STR(light ? light->label_en : NULL, "Poor lighting");
    CHECK(cat_find(&t, "nope") == NULL);
    size_t len;
    const char *csv = cat_default_csv(&len);
    CHECK_INT(len, strlen(csv));
    CHECK(strncmp(csv, "code,label_sv,label_en,positive", 31) == 0);
    cat_free(&t);
    CHECK(t.v == NULL && t.n == 0);
}

/* Reads text as file "x.csv"; returns cat_read's result. */
static int read_cat(const char *text, cat_table *t, err_t *e)
{
    csv_in *r = csv_in_new_mem(text, strlen(text), e);
    int rc = cat_read(t, r, "x.csv", e);
    csv_in_free(r);
    return rc;
}

#define CAT_HEAD "code,label_sv,label_en,positive\r\n"
#define CAT_OK "lighting,Ljus,Light,0\r\n"

static const struct cat_bad {
    const char *text;
    const char *where; /* file, line and field in the message */
    const char *why;
} CAT_BAD[] = {
    {CAT_HEAD CAT_OK "Bad Code,a,b,0\r\n", "x.csv line 3, field code",
     "not a category code"},
    {CAT_HEAD CAT_OK "lighting,a,b,0\r\n", "x.csv line 3, field code",
     "appears twice"},
    {CAT_HEAD CAT_OK "safe,a,b,2\r\n", "x.csv line 3, field positive",
     "2 is not in 0..1"},
    {CAT_HEAD CAT_OK "safe,a,b\r\n", "x.csv line 3, field positive",
     "missing value"},
    {CAT_HEAD CAT_OK "safe,,b,1\r\n", "x.csv line 3, field label_sv",
     "empty label"},
    {CAT_HEAD CAT_OK "safe,a,"
              "123456789012345678901234567890123456789012345678901234567890"
              "123456789012345678901,1\r\n",
     "x.csv line 3, field label_en", "81 characters, at most 80"},
    {CAT_HEAD CAT_OK "safe,a,\xc3(,1\r\n", "x.csv line 3, field label_en",
     "not valid UTF-8"},
    {"code,label_sv,label_en\r\n" CAT_OK, "x.csv line 1",
     "column \"positive\" is missing"},
    {CAT_HEAD CAT_OK "safe,\"a,b,1\r\n", "x.csv", "line 3"},
    {"", "x.csv", "empty"},
};

static void test_cat_errors(void)
{
    for (size_t i = 0; i < COUNT(CAT_BAD); i++) {
        cat_table t = {99, (cat_entry *)&t};
        err_t e = {{0}, 0};
        CHECK_INT(read_cat(CAT_BAD[i].text, &t, &e), -1);
        CHECK_HAS(e.msg, CAT_BAD[i].where);
        CHECK_HAS(e.msg, CAT_BAD[i].why);
        CHECK(t.n == 0 && t.v == NULL); /* left empty */
    }
}

/* Columns may come in any order with extra ones; a guarded label loses
 * exactly its guard. */
static void test_cat_read_ok(void)
{
    cat_table t;
    err_t e = {{0}, 0};
    const char *text = "positive,extra,label_en,code,label_sv\r\n"
                       "1,x,Safe,safe,Trygg\r\n"
                       "0,y,'=odd,odd_one,\"Med, komma\"\r\n";
    CHECK_INT(read_cat(text, &t, &e), 0);
    CHECK_INT(t.n, 2);
    const cat_entry *odd = cat_find(&t, "odd_one");
    CHECK(odd != NULL);
    if (odd) {
        CHECK_STR(odd->label_en, "=odd");
        CHECK_STR(odd->label_sv, "Med, komma");
        CHECK_INT(odd->positive, 0);
    }
    CHECK(cat_find(&t, "safe") && cat_find(&t, "safe")->positive == 1);
    cat_free(&t);
}

int main(void)
{
    test_cat_default();
    test_cat_errors();
    test_cat_read_ok();
    return th_report("test_cat");
}
