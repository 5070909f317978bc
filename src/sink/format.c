#include "sink/format.h"
#include <string.h>

static int jstr(dyad_buf *b, const char *s) { return dyad_buf_json_value(b, s); }

static int jactor(dyad_buf *b, const dyad_actor *a)
{
    int r = dyad_buf_puts(b, "{\"code\":");
    r |= jstr(b, a->code);
    r |= dyad_buf_puts(b, ",\"country\":");
    r |= jstr(b, a->country ? a->country : "");
    r |= dyad_buf_puts(b, ",\"name\":");
    r |= jstr(b, a->name ? a->name : "");
    r |= dyad_buf_puts(b, ",\"text\":");
    r |= jstr(b, a->text ? a->text : "");
    r |= dyad_buf_putc(b, '}');
    return r;
}

int dyad_event_jsonl(dyad_buf *b, const dyad_article *art, const dyad_event *e)
{
    int r = dyad_buf_puts(b, "{\"doc\":");
    r |= jstr(b, art->id);
    r |= dyad_buf_puts(b, ",\"sent\":") | dyad_buf_uint(b, e->sent) | dyad_buf_puts(b, ",\"date\":");
    r |= e->date[0] ? jstr(b, e->date) : dyad_buf_puts(b, "null");
    r |= dyad_buf_puts(b, ",\"date_precision\":");
    r |= jstr(b, e->date_precision ? e->date_precision : "");
    r |= dyad_buf_puts(b, ",\"source\":");
    r |= jactor(b, &e->source);
    r |= dyad_buf_puts(b, ",\"target\":");
    r |= e->has_target ? jactor(b, &e->target) : dyad_buf_puts(b, "null");
    r |= dyad_buf_puts(b, ",\"cameo\":");
    r |= jstr(b, e->cameo);
    r |= dyad_buf_puts(b, ",\"root\":");
    r |= jstr(b, e->root);
    r |= dyad_buf_puts(b, ",\"goldstein\":") | dyad_buf_fixed1(b, e->goldstein);
    r |= dyad_buf_puts(b, ",\"quad\":") | dyad_buf_uint(b, (unsigned)e->quad);
    r |= dyad_buf_puts(b, ",\"plover\":");
    r |= jstr(b, e->plover ? e->plover : "");
    r |= dyad_buf_puts(b, ",\"plover_mode\":");
    r |= jstr(b, e->plover_mode ? e->plover_mode : "");
    r |= dyad_buf_puts(b, ",\"location\":");
    if (e->location_name) {
        r |= dyad_buf_puts(b, "{\"name\":");
        r |= jstr(b, e->location_name);
        r |= dyad_buf_puts(b, ",\"country\":");
        r |= jstr(b, e->location_country ? e->location_country : "");
        r |= dyad_buf_putc(b, '}');
    } else {
        r |= dyad_buf_puts(b, "null");
    }
    r |= dyad_buf_puts(b, ",\"verb\":");
    r |= jstr(b, e->verb ? e->verb : "");
    r |= dyad_buf_puts(b, ",\"evidence\":");
    r |= jstr(b, e->evidence);
    r |= dyad_buf_puts(b, ",\"span\":[") | dyad_buf_uint(b, e->sent_start) | dyad_buf_putc(b, ',');
    r |= dyad_buf_uint(b, e->sent_end) | dyad_buf_puts(b, "],\"url\":");
    r |= jstr(b, art->url);
    r |= dyad_buf_puts(b, ",\"outlet\":");
    r |= jstr(b, art->source);
    r |= dyad_buf_puts(b, "}\n");
    return r ? -1 : 0;
}

const char *dyad_tsv_header(void)
{
    return "doc\tsent\tdate\tdate_precision\tsource_code\tsource_country\tsource_name\t"
           "source_text\ttarget_code\ttarget_country\ttarget_name\ttarget_text\tcameo\troot\t"
           "goldstein\tquad\tplover\tlocation\tlocation_country\tspan_start\tspan_end\tevidence\n";
}

static int tfield(dyad_buf *b, const char *s, int last)
{
    int r = s ? dyad_buf_tsv_str(b, s, strlen(s)) : 0;
    return r | dyad_buf_putc(b, last ? '\n' : '\t');
}

int dyad_event_tsv(dyad_buf *b, const dyad_article *art, const dyad_event *e)
{
    int r = tfield(b, art->id, 0);
    r |= dyad_buf_printf(b, "%u\t", e->sent);
    r |= tfield(b, e->date, 0);
    r |= tfield(b, e->date_precision, 0);
    r |= tfield(b, e->source.code, 0) | tfield(b, e->source.country, 0);
    r |= tfield(b, e->source.name, 0) | tfield(b, e->source.text, 0);
    r |= tfield(b, e->has_target ? e->target.code : "", 0);
    r |= tfield(b, e->has_target ? e->target.country : "", 0);
    r |= tfield(b, e->has_target ? e->target.name : "", 0);
    r |= tfield(b, e->has_target ? e->target.text : "", 0);
    r |= tfield(b, e->cameo, 0) | tfield(b, e->root, 0);
    r |= dyad_buf_printf(b, "%.1f\t%d\t", e->goldstein, e->quad);
    r |= tfield(b, e->plover, 0);
    r |= tfield(b, e->location_name, 0) | tfield(b, e->location_country, 0);
    r |= dyad_buf_printf(b, "%u\t%u\t", e->sent_start, e->sent_end);
    r |= tfield(b, e->evidence, 1);
    return r ? -1 : 0;
}

int dyad_mention_jsonl(dyad_buf *b, const dyad_article *art, const dyad_actor *m)
{
    int r = dyad_buf_puts(b, "{\"doc\":");
    r |= jstr(b, art->id);
    r |= dyad_buf_puts(b, ",\"text\":");
    r |= jstr(b, m->text);
    r |= dyad_buf_printf(b, ",\"start\":%u,\"end\":%u,\"code\":", m->start, m->end);
    r |= jstr(b, m->code);
    r |= dyad_buf_puts(b, ",\"country\":");
    r |= jstr(b, m->country);
    r |= dyad_buf_puts(b, ",\"name\":");
    r |= jstr(b, m->name);
    r |= dyad_buf_puts(b, "}\n");
    return r ? -1 : 0;
}

dyad_status dyad_format_events(const dyad_result *r, dyad_format fmt, char **out, size_t *len,
                               size_t *cap)
{
    dyad_buf b = {*out, *len, *cap, 0};
    const dyad_article *art = dyad_result_article(r);
    int rc = 0;
    for (size_t i = 0; i < dyad_result_event_count(r) && !rc; i++)
        rc = fmt == DYAD_FMT_TSV ? dyad_event_tsv(&b, art, dyad_result_event(r, i))
                                 : dyad_event_jsonl(&b, art, dyad_result_event(r, i));
    *out = b.data;
    *len = b.len;
    *cap = b.cap;
    return rc ? DYAD_ENOMEM : DYAD_OK;
}
