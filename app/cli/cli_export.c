/* PLACEHOLDER owned by a helper: replaced by the real command. */
#include "cli.h"

int cli_export(cli_ctx *c, int argc, char **argv)
{
    (void)c; (void)argc; (void)argv;
    return cli_usage_error("export", "not built yet");
}
