/* quotes.c - who said what. A sentence with a speech verb outside quote
 * marks gives a quote: the words in quote marks (direct) or the reported
 * clause (indirect); the speaker is the name next to the verb ("X said",
 * "said X", "X, the envoy, said", "according to X"), a pronoun resolved to
 * the latest person named before it, or the noun phrase written there. */
#include "facts.h"

/* Quote marks as punctuation tokens: " `` '' and the curly pair. */
static int quote_mark(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind != SF_TOK_PUNCT) return 0;
    const unsigned char *p = (const unsigned char *)d->text + t->begin;
    size_t n = t->end - t->begin;
    if (p[0] == '"') return 3;                  /* either */
    if (n >= 2 && p[0] == '`' && p[1] == '`') return 1; /* open */
    if (n >= 2 && p[0] == '\'' && p[1] == '\'') return 2; /* close */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9C) return 1;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9D) return 2;
    return 0;
}

static const char *const PRONOUNS[] = {"he", "she", NULL};
static const char *const NEUTRAL[] = {"it", "they", "we", "i", NULL};
/* verbs that report speech and nothing else ("they declared a caliphate" is
 * not a quotation) */
static const char *const PLAIN_SAY[] = {"said", "says", "added", "adds", "told", "stated", NULL};
static const char *const DETERMINERS[] = {"a", "an", "the", "its", "his", "her", "their", NULL};
static const char *const STOP_NP[] = {"a", "an", "the", "what", "which", "who", "and", "but", "as",
                                      "in", "on", "of", "to", "for", "with", "by", "at", "its",
                                      "his", "her", "their", "this", "that", "it", "is", "was", NULL};
static const char *const PASSIVE[] = {"was", "were", "is", "are", "be", "been", "being", NULL};
static const char *const PREPS[] = {"in", "at", "from", "by", "on", "with", "for", "to", "near", NULL};
static const char *const BETWEEN[] = {"also", "has", "had", "later", "then", "previously",
                                      "earlier", "have", "once", "reportedly", "repeatedly",
                                      "recently", "again", "further", "would", "will", NULL};

/* Mention ending at token `end` (exclusive), or SIZE_MAX. */
static size_t mention_ending(const sf_mention *m, size_t nm, size_t s, size_t end) {
    for (size_t k = 0; k < nm; k++)
        if (m[k].sentence == s && m[k].tok_end == end) return k;
    return SIZE_MAX;
}

static bool is_comma(const sf_doc *d, size_t i) {
    return d->toks.items[i].kind == SF_TOK_PUNCT && d->text[d->toks.items[i].begin] == ',';
}

sf_status sf__find_quotes(const sf_doc *d, const sf_mention *m, size_t nm,
                          const sf_entity *ents, sf_quotevec *out) {
    size_t first_hit = out->n; /* this document's hits start here */
    bool carry = false; /* a quotation left open by the previous sentence */
    for (size_t s = 0; s < d->sents.n; s++) {
        size_t s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
        /* quoted spans (token ranges inside the marks) */
        size_t qb = SIZE_MAX, qe = SIZE_MAX; /* first open .. last close, bytes */
        bool inq = carry;
        if (carry) qb = d->sents.items[s].begin;
        unsigned char *inside = sf__calloc(e - s0 + 1, 1);
        if (!inside) return SF_ERR_NOMEM;
        for (size_t i = s0; i < e; i++) {
            int q = quote_mark(d, i);
            if (q == 1 || (q == 3 && !inq)) {
                inq = true;
                if (qb == SIZE_MAX) qb = d->toks.items[i].end;
                continue;
            }
            if (q == 2 || (q == 3 && inq)) {
                inq = false;
                qe = d->toks.items[i].begin;
                continue;
            }
            inside[i - s0] = inq;
        }
        if (inq && qb != SIZE_MAX) qe = d->sents.items[s].end;
        carry = inq;
        /* the speech verb outside quotes */
        size_t v = SIZE_MAX, vend = SIZE_MAX;
        for (size_t i = s0; i < e && v == SIZE_MAX; i++) {
            if (inside[i - s0]) continue;
            if (sf__tok_in(d, i, sf__speech_verbs) && !(d->toks.items[i].flags & SF_TOKF_CAPITAL) &&
                !(i > s0 && sf__tok_in(d, i - 1, PASSIVE)))
                v = i, vend = i + 1;
            else if (sf__tok_is(d, i, "according") && i + 1 < e && sf__tok_is(d, i + 1, "to"))
                v = i, vend = i + 2;
        }
        sf__free(inside);
        if (v == SIZE_MAX) continue;
        sf_quote_hit h = {0};
        h.sentence = s;
        h.speaker = SIZE_MAX;
        size_t sp_b = SIZE_MAX, sp_e = SIZE_MAX; /* speaker tokens */
        bool according = sf__tok_is(d, v, "according");
        if (!according) {
            /* before the verb: "X said", "X, the envoy, said", "he also said" */
            size_t k = v;
            while (k > s0 && sf__tok_in(d, k - 1, BETWEEN)) k--;
            size_t mi = mention_ending(m, nm, s, k);
            if (mi == SIZE_MAX && k > s0 && is_comma(d, k - 1)) {
                /* an apposition: "X, who oversees ..., said", "X, the envoy
                 * to the coalition, said" or "The envoy, Brett McGurk, said" */
                size_t c = k - 1;
                while (c > s0 && !is_comma(d, c - 1) && k - c < 16) c--;
                bool relative = c < k - 1 && (sf__tok_is(d, c, "who") || sf__tok_is(d, c, "which") ||
                                              sf__tok_is(d, c, "whose") || sf__tok_is(d, c, "where"));
                if (!relative) mi = mention_ending(m, nm, s, k - 1);
                if (mi == SIZE_MAX && c > s0 && is_comma(d, c - 1)) mi = mention_ending(m, nm, s, c - 1);
            }
            if (mi != SIZE_MAX) {
                h.speaker = mi;
                sp_b = m[mi].tok_begin, sp_e = m[mi].tok_end;
            } else if (k > s0 && (sf__tok_in(d, k - 1, PRONOUNS) || sf__tok_in(d, k - 1, NEUTRAL))) {
                sp_b = k - 1, sp_e = k;
                if (sf__tok_in(d, k - 1, PRONOUNS)) {
                    /* the latest person named before */
                    for (size_t j = nm; j-- > 0;) {
                        if (m[j].tok_end > k - 1 || m[j].entity == SIZE_MAX) continue;
                        if (ents[m[j].entity].type == SF_ENT_PERSON) {
                            h.speaker = j;
                            break;
                        }
                    }
                } else if ((sf__tok_is(d, k - 1, "it") || sf__tok_is(d, k - 1, "they")) &&
                           sf__tok_in(d, v, PLAIN_SAY)) {
                    /* "it said" / "it added": the body that spoke last, when
                     * the latest quote within three sentences has a named
                     * speaker who is not a person ("US Central Command
                     * said ... it said"); the latest name of any kind is
                     * often the subject of the quote, not its speaker */
                    for (size_t j = out->n; j-- > first_hit;) {
                        const sf_quote_hit *p = &out->items[j];
                        if (p->sentence + 3 < s) break;
                        if (p->speaker == SIZE_MAX) continue;
                        if (m[p->speaker].entity != SIZE_MAX &&
                            ents[m[p->speaker].entity].type != SF_ENT_PERSON)
                            h.speaker = p->speaker;
                        break;
                    }
                }
            } else if (k > s0 && d->toks.items[k - 1].kind == SF_TOK_WORD) {
                /* a noun phrase: "the alliance said", "officials said" */
                size_t b = k - 1;
                while (b > s0 && k - b < 4 && d->toks.items[b - 1].kind == SF_TOK_WORD &&
                       !sf__tok_in(d, b - 1, sf__speech_verbs) && !sf__tok_is(d, b - 1, "that") &&
                       !sf__tok_in(d, b - 1, STOP_NP))
                    b--;
                if (b > s0 && sf__tok_in(d, b - 1, DETERMINERS)) b--;
                /* a name inside the phrase: "the Syrian Observatory for
                 * Human Rights monitoring group said" */
                for (size_t j = 0; j < nm; j++)
                    if (m[j].sentence == s && m[j].tok_end <= k && m[j].tok_end + 3 >= k &&
                        m[j].tok_end > b)
                        mi = j;
                if (mi != SIZE_MAX) h.speaker = mi, sp_b = m[mi].tok_begin, sp_e = m[mi].tok_end;
                else sp_b = b, sp_e = k;
            }
        }
        if (h.speaker == SIZE_MAX && (according || sp_b == SIZE_MAX || sp_e - sp_b > 1 ||
                                      !sf__tok_in(d, sp_b, PRONOUNS))) {
            /* after the verb: "said X", "said Elite Forces spokesman X",
             * "according to X" */
            size_t best = SIZE_MAX;
            for (size_t k = 0; k < nm; k++) {
                if (m[k].sentence != s || m[k].tok_begin < vend || m[k].tok_begin > vend + 6) continue;
                bool blocked = false;
                for (size_t t = vend; t < m[k].tok_begin; t++)
                    if (d->toks.items[t].kind == SF_TOK_PUNCT || sf__tok_is(d, t, "that") ||
                        sf__tok_in(d, t, PREPS))
                        blocked = true;
                if (blocked) continue;
                if (best == SIZE_MAX || (m[k].flags & SF_MENTION_TITLED)) best = k;
            }
            if (best != SIZE_MAX && (according || sp_b == SIZE_MAX || vend == e ||
                                     sp_e != v)) {
                h.speaker = best;
                sp_b = m[best].tok_begin, sp_e = m[best].tok_end;
            }
        }
        if (sp_b == SIZE_MAX) continue;
        h.speaker_begin = d->toks.items[sp_b].begin;
        h.speaker_end = d->toks.items[sp_e - 1].end;
        if (h.speaker != SIZE_MAX) {
            h.speaker_begin = m[h.speaker].begin;
            h.speaker_end = m[h.speaker].end;
        }
        if (qb != SIZE_MAX && qe != SIZE_MAX && qe > qb) {
            /* a word or two in quote marks from no named speaker is a
             * scare quote ("caliphate"), not a quotation */
            size_t words = 0;
            for (size_t t = s0; t < e; t++)
                if (d->toks.items[t].begin >= qb && d->toks.items[t].end <= qe &&
                    d->toks.items[t].kind == SF_TOK_WORD)
                    words++;
            if (words < 3 && h.speaker == SIZE_MAX) continue;
            h.direct = true;
            h.begin = qb, h.end = qe;
        } else {
            /* the reported clause: after "said (that)" or before ", X said" */
            size_t lo = SF_MAX(vend, sp_e);
            if (lo < e && sf__tok_is(d, lo, "that")) lo++;
            size_t hi = e;
            while (hi > lo && d->toks.items[hi - 1].kind == SF_TOK_PUNCT) hi--;
            size_t first = s0, last = SF_MIN(sp_b, v);
            while (last > first && d->toks.items[last - 1].kind == SF_TOK_PUNCT) last--;
            bool after = sp_b >= vend;
            /* a dateline ("WASHINGTON, Aug. 27 (Xinhua) --") is not said */
            for (size_t t = s0; t < last && t < s0 + 14; t++)
                if (d->toks.items[t].kind == SF_TOK_PUNCT && d->toks.items[t].end - d->toks.items[t].begin >= 2 &&
                    d->text[d->toks.items[t].begin] == '-')
                    first = t + 1;
            if (after && last > first && last - first >= 4) {
                h.begin = d->toks.items[first].begin, h.end = d->toks.items[last - 1].end;
            } else if (hi - lo >= 4) {
                h.begin = d->toks.items[lo].begin, h.end = d->toks.items[hi - 1].end;
            } else if (last > first && last - first >= 4) {
                h.begin = d->toks.items[first].begin, h.end = d->toks.items[last - 1].end;
            } else {
                continue;
            }
        }
        SF_TRY(SF_VEC_PUSH(out, h));
    }
    return SF_OK;
}
