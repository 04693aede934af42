/* text.c - plain-text articles as people write them: a title only when the
 * first line looks like one, hard-wrapped paragraphs joined, `source:` tags,
 * bylines and date lines at the edges taken as metadata, and a file of one
 * line (or one paragraph per line, no headline) read as one article with no
 * title. The id is the file name without directory and extension.
 *
 * The rules, in order (docs/summaries.md has the measurements):
 * 1. Lines are trimmed. At the top and at the bottom, lines that are
 *    metadata are taken out of the text: "source: X" / "Sources: X" (the
 *    outlet), "By Jane Doe" (the author; at most 8 words, no sentence end),
 *    and a date alone on its line, maybe after "Published:", "Updated:" or
 *    "Date:" (the publication time). A line of capitals of at most four
 *    words ("BEIRUT") is a place line: dropped from the text. At the bottom,
 *    a line under a text line that does not end a sentence goes on with
 *    that sentence ("...will be launched" / "on January 1, 1999."): text.
 * 2. The first remaining line is a title when it looks like one: at most 20
 *    words and 200 bytes, no sentence end (unless, with a blank line after
 *    it, it is in headline capitalization or is a sentence above a
 *    paragraph that opens with a dateline, of under 12 words or with the
 *    dateline crediting an agency: outlets and corpora that end headlines
 *    with a full stop) or trailing comma or colon, not ending on a
 *    word that needs a next one ("for", "the", "and"), more lines after it,
 *    and either a blank line after it or a next line that does not continue
 *    it: a continued line is a wrapped one (as long as the lines below,
 *    within 25%) or one followed by a line opening in lower case.
 *    2b. A first line that is a whole paragraph may open with the headline
 *    run into it (a file of one line): run_in_title, and 2c, a headline
 *    with no full stop that a sentence start ends: run_in_unstopped.
 * 3. A first line that reads as a long sentence (12 words or more ending in
 *    a full stop) set apart by a blank line, before a paragraph that opens
 *    with a dateline ("beirut - "), is a photo caption or standfirst of a
 *    scraped page: it is left out, as the title would be.
 *    3b. A first line that credits a picture ("Photo: Jane Doe/AFP via
 *    Getty Images") is a photo caption: left out, never the title.
 * 4. The body: lines of one paragraph are joined with a space (a word split
 *    by a hyphen at a line end is joined without one), except where a line
 *    ends a sentence well short of the wrapping width: that is a paragraph
 *    written on one line. Paragraphs are apart by a blank line, as the SGML
 *    reader writes them. */
#include "ingest.h"

#include "../summarize/summarize.h" /* sf__dateline_length */
#include "../text/text.h"           /* sf__is_stopword */

#include <ctype.h>

typedef struct line {
    sf_view v; /* trimmed */
    size_t no; /* 1-based line number */
} line;

typedef SF_VEC(line) linevec;

static size_t count_words(sf_view v) {
    size_t w = 0;
    for (size_t i = 0; i < v.n; i++)
        if (!isspace((unsigned char)v.p[i]) && (i == 0 || isspace((unsigned char)v.p[i - 1]))) w++;
    return w;
}

static bool ends_sentence(sf_view v) {
    size_t n = v.n;
    while (n > 0 && strchr("\"')]", v.p[n - 1])) n--;
    if (n >= 3 && (unsigned char)v.p[n - 3] == 0xE2 && (unsigned char)v.p[n - 2] == 0x80) n -= 3; /* ” ’ */
    return n > 0 && strchr(".!?", v.p[n - 1]);
}

static bool starts_nocase(sf_view v, const char *lit) {
    size_t k = strlen(lit);
    return v.n >= k && sf__view_eq_nocase(sf__view(v.p, k), sf__view(lit, k));
}

/* "source: Khaleejtimes" -> "Khaleejtimes" (at most 6 words). */
static bool source_tag(sf_view v, sf_view *out) {
    size_t k = starts_nocase(v, "sources:") ? 8 : starts_nocase(v, "source:") ? 7 : 0;
    if (!k) return false;
    sf_view rest = sf__view_trim(sf__view(v.p + k, v.n - k));
    if (!rest.n || count_words(rest) > 6) return false;
    *out = rest;
    return true;
}

/* A name of two to four capitalized words, nothing else. */
static bool name_only(sf_view v) {
    size_t w = count_words(v);
    if (w < 2 || w > 4 || ends_sentence(v)) return false;
    for (size_t i = 0; i < v.n; i++) {
        unsigned char ch = (unsigned char)v.p[i];
        if ((i == 0 || v.p[i - 1] == ' ') && ch != ' ' && !isupper(ch)) return false;
        if (!isalpha(ch) && ch != ' ' && ch != '.' && ch != '-' && ch != '\'' && ch < 0x80) return false;
    }
    return true;
}

/* "By Jane Doe" / "By JANE DOE, Associated Press" / "(by Jane Doe)" -> the name; a page's
 * author line at the end, "• Jane Doe" (a bullet, then a name), too. */
static bool byline(sf_view v, sf_view *out) {
    if (starts_nocase(v, "\xE2\x80\xA2")) { /* • */
        sf_view rest = sf__view_trim(sf__view(v.p + 3, v.n - 3));
        if (!name_only(rest)) return false;
        *out = rest;
        return true;
    }
    if (v.n && v.p[0] == '*') v = sf__view_trim(sf__view(v.p + 1, v.n - 1)); /* "*By JANE DOE" (wire copy) */
    /* "(by Wang Jinyu)": wires put the byline in parentheses */
    if (v.n > 5 && v.p[0] == '(' && v.p[v.n - 1] == ')') v = sf__view_trim(sf__view(v.p + 1, v.n - 2));
    if (!starts_nocase(v, "by ") || count_words(v) > 8 || ends_sentence(v)) return false;
    sf_view rest = sf__view_trim(sf__view(v.p + 3, v.n - 3));
    if (!rest.n || !isupper((unsigned char)rest.p[0])) return false;
    *out = rest;
    return true;
}

/* The line under a wire byline that says what the author is: "Associated
 * Press Writer", "AP Science Writer", "Staff Correspondent" (at most five
 * words, the last one a reporter's title, no sentence end). Read only
 * after a byline, so a headline such as "The Ghost Writer" stays one. */
static bool credit_line(sf_view v) {
    static const char *const ROLE[] = {"writer", "correspondent", "reporter", "editor"};
    if (v.n && v.p[0] == '*') v = sf__view_trim(sf__view(v.p + 1, v.n - 1));
    size_t w = count_words(v);
    if (!w || w > 5 || ends_sentence(v)) return false;
    size_t b = v.n;
    while (b > 0 && isalpha((unsigned char)v.p[b - 1])) b--;
    if (b == v.n) return false;
    for (size_t i = 0; i < SF_ARRAY_LEN(ROLE); i++)
        if (strlen(ROLE[i]) == v.n - b && sf__view_eq_nocase(sf__view(v.p + b, v.n - b), sf__view(ROLE[i], v.n - b)))
            return true;
    return false;
}

static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

static unsigned month_at(const char *p, size_t n) {
    if (n < 3) return 0;
    for (unsigned m = 0; m < 12; m++)
        if (tolower((unsigned char)p[0]) == MONTHS[m][0] && tolower((unsigned char)p[1]) == MONTHS[m][1] &&
            tolower((unsigned char)p[2]) == MONTHS[m][2])
            return m + 1;
    return 0;
}

/* A date alone on its line: ISO 8601 ("2017-06-06", "2017-06-06T10:00Z"),
 * "June 6, 2017" or "6 June 2017", maybe after a label and with a time or
 * weekday around it; *t is midnight UTC of that day unless ISO gives more. */
static bool date_line(sf_view v, int64_t *t) {
    static const char *const LABELS[] = {"published:", "updated:", "date:", "posted:", "published", "posted"};
    for (size_t i = 0; i < SF_ARRAY_LEN(LABELS); i++)
        if (starts_nocase(v, LABELS[i])) {
            size_t k = strlen(LABELS[i]);
            v = sf__view_trim(sf__view(v.p + k, v.n - k));
            break;
        }
    if (!v.n || count_words(v) > 8) return false;
    if (sf__parse_iso8601(v, t)) return true;
    /* words: find a month name, a day (1-31) and a year (1900-2100) */
    unsigned month = 0, day = 0, year = 0, other = 0;
    for (size_t i = 0; i < v.n;) {
        while (i < v.n && !isalnum((unsigned char)v.p[i])) i++;
        size_t b = i;
        while (i < v.n && isalnum((unsigned char)v.p[i])) i++;
        if (i == b) break;
        size_t len = i - b;
        unsigned num = 0;
        bool digits = true;
        for (size_t k = b; k < i; k++) {
            if (!isdigit((unsigned char)v.p[k])) digits = false;
            else if (num < 100000) num = num * 10 + (unsigned)(v.p[k] - '0');
        }
        if (digits && len == 4 && num >= 1900 && num <= 2100 && !year) year = num;
        else if (digits && len <= 2 && num >= 1 && num <= 31 && !day) day = num;
        else if (!digits && !month && month_at(v.p + b, len)) month = month_at(v.p + b, len);
        else if (!digits && len >= 2) other++; /* weekday, "at", "GMT", "am" ... */
        if (other > 3) return false;
    }
    if (!month || !day || !year) return false;
    *t = sf__days_from_civil((int64_t)year, month, day) * 86400;
    return true;
}

/* "BEIRUT" or "NEW YORK, N.Y." alone on a line: a place line. */
static bool place_line(sf_view v) {
    if (!v.n || count_words(v) > 4 || v.n > 40) return false;
    size_t letters = 0;
    for (size_t i = 0; i < v.n; i++) {
        if (islower((unsigned char)v.p[i])) return false;
        letters += isupper((unsigned char)v.p[i]) != 0;
    }
    return letters >= 3;
}

/* Take edge line v as metadata into r; false when it is text. */
static bool take_meta(sf_view v, sf_rec *r, bool top) {
    sf_view x;
    int64_t t;
    if (source_tag(v, &x)) {
        if (!r->source.n) r->source = x;
        return true;
    }
    if (byline(v, &x)) {
        if (!r->author.n) r->author = x;
        return true;
    }
    if (r->author.n && credit_line(v)) return true;
    if (date_line(v, &t)) {
        if (r->published == SF_TIME_UNKNOWN) r->published = t;
        return true;
    }
    return top && place_line(v);
}

/* Words a headline does not end on: it would go on to the next line. */
static bool dangling_end(sf_view v) {
    static const char *const W[] = {"a", "an", "the", "of", "for", "to", "and", "or", "in", "on",
                                    "at", "by", "with", "from", "as", "that", "his", "her",
                                    "their", "its", "is", "was", "will", "said"};
    size_t e = v.n, b;
    while (e > 0 && !isalpha((unsigned char)v.p[e - 1])) {
        if (v.p[e - 1] == ',' || v.p[e - 1] == '-' || v.p[e - 1] == ';' || v.p[e - 1] == ':') return true;
        e--;
    }
    for (b = e; b > 0 && isalpha((unsigned char)v.p[b - 1]);) b--;
    for (size_t i = 0; i < SF_ARRAY_LEN(W); i++)
        if (strlen(W[i]) == e - b && sf__view_eq_nocase(sf__view(v.p + b, e - b), sf__view(W[i], e - b)))
            return true;
    return false;
}

/* Longest of the (at most 8) lines of the paragraph starting at L[i]. */
static size_t para_width(const linevec *L, size_t i) {
    size_t w = 0;
    for (size_t k = i; k < L->n && k < i + 8 && L->items[k].v.n; k++) w = SF_MAX(w, L->items[k].v.n);
    return w;
}

static bool opens_with_dateline(sf_view v);

/* A sentence shorter than this, set apart above a paragraph that opens with
 * a dateline, is the headline ("Quake hits city." over "ROME - ..."); from
 * this length on it reads as a photo caption or standfirst of a scraped
 * page (rule 3), unless the dateline credits an agency: wire copy
 * ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — ...") carries its headline, not a
 * caption, above the dateline. */
#define CAPTION_WORDS 12

static bool short_before_dateline(const linevec *L, size_t t) {
    size_t k = t + 1;
    while (k < L->n && !L->items[k].v.n) k++;
    if (k >= L->n || !opens_with_dateline(L->items[k].v)) return false;
    if (count_words(L->items[t].v) < CAPTION_WORDS) return true;
    sf_view d = L->items[k].v;
    size_t len = sf__dateline_length(d.p, d.n);
    return len && memchr(d.p, '(', len) != NULL;
}

/* Headline capitalization: at least three words of four letters or more,
 * all capitalized ("Stealth Over Health: Clinton Was Headed to ER."), or
 * all but one when five or more are. Sentences of running text have their
 * long words in lower case. Some outlets and corpora end headlines with a
 * full stop, so a headline in this style is a title even when it ends a
 * sentence. */
static bool title_case(sf_view v) {
    size_t caps = 0, lower = 0;
    for (size_t i = 0; i < v.n;) {
        while (i < v.n && !isalpha((unsigned char)v.p[i])) {
            /* skip a word that starts with a digit or a non-ASCII byte */
            if ((unsigned char)v.p[i] >= 0x80 || isdigit((unsigned char)v.p[i]))
                while (i < v.n && v.p[i] != ' ') i++;
            else i++;
        }
        size_t b = i;
        while (i < v.n && isalpha((unsigned char)v.p[i])) i++;
        if (i - b < 4) continue;
        if (isupper((unsigned char)v.p[b])) caps++;
        else lower++;
    }
    return caps >= 3 && (lower == 0 || (lower == 1 && caps >= 5));
}

/* Whether the paragraph after the blank line(s) under line t repeats most
 * of t's content words in its first 40 words: a lead retells its headline
 * ("Clinton taken to hospital." over "Hillary Clinton was taken to a
 * hospital in Chappaqua on Sunday ..."), while a one-sentence first
 * paragraph is followed by one that goes on to other things. Content words
 * are of four letters or more and no stopword; they match on their first
 * five letters (inflections). */
/* The first letters (up to five, lower case) of the words of v, appended
 * to lead[] up to LEAD_WORDS in all. */
#define LEAD_WORDS 80
typedef char lead_word[6];

static void lead_words(sf_view w, lead_word *lead, size_t *nlead) {
    for (size_t i = 0; i < w.n && *nlead < LEAD_WORDS;) {
        while (i < w.n && !isalpha((unsigned char)w.p[i])) i++;
        size_t b = i;
        while (i < w.n && isalpha((unsigned char)w.p[i])) i++;
        if (i == b) continue;
        size_t n = SF_MIN(i - b, (size_t)5);
        for (size_t c = 0; c < n; c++) lead[*nlead][c] = (char)tolower((unsigned char)w.p[b + c]);
        lead[*nlead][n] = '\0';
        ++*nlead;
    }
}

/* Whether at least half of v's content words (three at least) are among
 * lead[0..nlead). */
static bool echoed_in(sf_view v, const lead_word *lead, size_t nlead) {
    size_t content = 0, echoed = 0;
    for (size_t i = 0; i < v.n;) {
        while (i < v.n && !isalpha((unsigned char)v.p[i])) i++;
        size_t b = i;
        while (i < v.n && isalpha((unsigned char)v.p[i])) i++;
        if (i - b < 4) continue;
        char w[32];
        size_t n = SF_MIN(i - b, sizeof w - 1);
        for (size_t c = 0; c < n; c++) w[c] = (char)tolower((unsigned char)v.p[b + c]);
        w[n] = '\0';
        if (sf__is_stopword("en", w, n)) continue;
        content++;
        w[SF_MIN(n, (size_t)5)] = '\0';
        for (size_t k = 0; k < nlead; k++)
            if (strcmp(lead[k], w) == 0) {
                echoed++;
                break;
            }
    }
    return content >= 3 && echoed * 2 >= content;
}

static bool echoed_by_lead(const linevec *L, size_t t) {
    size_t u = t + 1;
    while (u < L->n && L->items[u].v.n == 0) u++;
    if (u == t + 1 || u >= L->n) return false;
    lead_word lead[LEAD_WORDS];
    size_t nlead = 0;
    for (size_t k = u; k < L->n && L->items[k].v.n && nlead < 40; k++) lead_words(L->items[k].v, lead, &nlead);
    return echoed_in(L->items[t].v, lead, SF_MIN(nlead, (size_t)40));
}

/* Rule 2: does line t (the first of the body) read as a title? */
static bool is_title(const linevec *L, size_t t) {
    sf_view v = L->items[t].v;
    if (t + 1 >= L->n || v.n > 200 || count_words(v) > 20 || dangling_end(v)) return false;
    /* an editor's note wholly in parentheses or brackets ("(Distributed by
     * New York Times Special Features)") is no headline */
    if (v.n >= 2 && ((v.p[0] == '(' && v.p[v.n - 1] == ')') || (v.p[0] == '[' && v.p[v.n - 1] == ']')))
        return false;
    /* a line ending a sentence is a title only when set apart by a blank
     * line and in headline capitalization, over a dateline, or short and
     * retold by the paragraph under it */
    if (ends_sentence(v) && !(L->items[t + 1].v.n == 0 &&
                              (title_case(v) || short_before_dateline(L, t) ||
                               (count_words(v) <= 14 && echoed_by_lead(L, t)))))
        return false;
    /* a line that opens with a dateline is the story's first paragraph */
    if (opens_with_dateline(v)) return false;
    sf_view next = L->items[t + 1].v;
    if (!next.n) return true; /* a blank line after it */
    if (islower((unsigned char)next.p[0])) return false;
    /* text right under it: a title when clearly shorter than the lines of
     * that paragraph, which a wrapped line is not */
    size_t w = para_width(L, t + 1);
    return v.n * 4 < w * 3;
}

/* "beirut - ", "PINE RIDGE, S.D. (AP) -- ": at most four words before a
 * dash within the first 40 bytes, in capitals or, for one or two words,
 * all in lower case (a scraped page's dateline). */
static bool opens_with_dateline(sf_view v) {
    /* the wire form with a state, a date and an agency: "FLINT, Mich., Oct. 4 (UPI) --" */
    if (sf__dateline_length(v.p, v.n) > 0) return true;
    size_t lim = SF_MIN(v.n, (size_t)40), lower = 0, upper = 0;
    for (size_t i = 1; i + 1 < lim; i++) {
        unsigned char ch = (unsigned char)v.p[i - 1];
        lower += islower(ch) != 0;
        upper += isupper(ch) != 0;
        bool dash = v.p[i - 1] == ' ' && (v.p[i] == '-' || ((unsigned char)v.p[i] == 0xE2 && (unsigned char)v.p[i + 1] == 0x80));
        if (!dash) continue;
        sf_view place = sf__view(v.p, i - 1);
        size_t words = count_words(place);
        return words <= 4 && ((lower == 0 && upper >= 2) || (upper == 0 && words <= 2));
    }
    return false;
}

/* Rule 2b: a file of one line (or a first paragraph on one line) whose
 * line opens with the headline run into the text: "Rose Bowl Skywriters
 * Blast Trump.  PASADENA, Calif., Jan. 1 (UPI) -- A handful of ...". The
 * headline is the first stretch that ends a sentence, of at most 20 words
 * and 200 bytes, with text after it that opens in a capital or a quotation
 * mark, when it is in headline capitalization or the text after it opens
 * with a dateline (the same evidence rule 2 takes from a line of its own;
 * a sentence that only retells the lead is not taken here, as no blank line
 * sets it apart). An abbreviation ("Dr. Ben Carson: ...") ends no
 * headline: the stretch goes on to the next sentence end. Returns the
 * headline's length in the line (0 when there is none); *rest is where the
 * text starts. */
/* Whether the full stop that ends `head` ends an abbreviation or an
 * initial ("Gov.", "George W.", "U.S.", "ST."), not a sentence. */
static bool ends_abbreviation(sf_view head) {
    size_t e = head.n;
    while (e > 0 && head.p[e - 1] != '.') e--; /* the full stop, before any closing quote */
    if (e == 0) return false;
    size_t b = e - 1;
    while (b > 0 && head.p[b - 1] != ' ') b--;
    sf_view w = sf__view(head.p + b, e - 1 - b);
    if (w.n <= 1 || memchr(w.p, '.', w.n)) return true; /* "W.", "U.S." */
    bool caps = true;
    for (size_t i = 0; i < w.n; i++) caps = caps && isupper((unsigned char)w.p[i]);
    if (caps && w.n <= 3) return true; /* "ST." */
    static const char *const ABBR[] = {"Gov", "Lt", "Dr", "Mr", "Mrs", "Ms", "Sen", "Rep", "St", "Co",
                                       "Inc", "Jr", "Sr", "Gen", "Col", "Capt", "Sgt", "Prof", "Rev",
                                       "Mt", "Ft", "No", "vs", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov",
                                       "Dec", "Corp", "Ltd", "Adm", "Cmdr", "Maj"};
    for (size_t k = 0; k < SF_ARRAY_LEN(ABBR); k++)
        if (strlen(ABBR[k]) == w.n && memcmp(ABBR[k], w.p, w.n) == 0) return true;
    return false;
}

static size_t run_in_title(sf_view v, size_t *rest) {
    /* a wrapped line is no run-on paragraph; one that opens with a
     * dateline opens the report itself */
    if (v.n < 200 || opens_with_dateline(v)) return 0;
    for (size_t i = 1; i < v.n && i <= 200; i++) {
        if (v.p[i] != ' ' || v.p[i - 1] == ' ') continue;
        sf_view head = sf__view_trim(sf__view(v.p, i));
        if (count_words(head) > 20) return 0;
        if (!ends_sentence(head) || ends_abbreviation(head)) continue;
        size_t j = i;
        while (j < v.n && v.p[j] == ' ') j++;
        if (j >= v.n) return 0;
        unsigned char c = (unsigned char)v.p[j];
        if (!(isupper(c) || c == '"' || c >= 0x80)) continue;
        sf_view after = sf__view(v.p + j, v.n - j);
        /* over a dateline: short, or the dateline credits an agency (as
         * short_before_dateline asks of a line of its own) */
        size_t dl = opens_with_dateline(after) ? sf__dateline_length(after.p, after.n) : 0;
        bool over_dateline = opens_with_dateline(after) &&
                             (count_words(head) < CAPTION_WORDS || (dl && memchr(after.p, '(', dl)));
        if (title_case(head) || over_dateline) {
            *rest = j;
            return head.n;
        }
    }
    return 0;
}

/* Whether p[0..n) holds the ASCII string lit at byte i, in any case. */
static bool at_nocase(const char *p, size_t n, size_t i, const char *lit) {
    size_t k = strlen(lit);
    return i + k <= n && sf__view_eq_nocase(sf__view(p + i, k), sf__view(lit, k));
}

/* Rule 3b: a line that credits a picture is a photo caption, never the
 * headline ("Love thine enemy. Photo: Olivier Douliery/AFP via Getty
 * Images", "Photograph: Reuters/Kevin Lamarque"): it holds a credit label
 * at its start or after a sentence end ("Photo:", "Photograph:", "Image:",
 * "Picture:", "Credit:", "Photo by", "Photo credit"), or a picture
 * agency's credit form ("via Getty Images", "AFP via", "REUTERS/Name",
 * "AP Photo/Name"), or ends on "Getty Images". A gallery headline
 * ("Photos: Flooding in Houston") has the plural and stays a title, as
 * does one about the agency that does not end on its name ("Getty Images
 * sold to ..."). */
bool sf__photo_credit(sf_view v) {
    static const char *const LABEL[] = {"photo:", "photograph:", "image:", "picture:", "credit:",
                                        "photo by ", "photo credit", "image credit", "picture credit"};
    static const char *const AGENCY[] = {"via getty", "afp via ", "/getty", "/afp", "reuters/", "ap photo/",
                                         "/reuters", "/shutterstock", "epa/", "/epa"};
    for (size_t i = 0; i < v.n; i++) {
        bool word_start = i == 0 || !isalnum((unsigned char)v.p[i - 1]);
        /* a label opens the line or follows a sentence end or a separator
         * ("... enemy. Photo: ...", "... | Image: ..."); in running text
         * "a stunning image: To ..." is no credit */
        size_t q = i;
        while (q > 0 && v.p[q - 1] == ' ') q--;
        bool label_start = word_start && (q == 0 || strchr(".!?|)-", v.p[q - 1]) ||
                                          (unsigned char)v.p[q - 1] >= 0x80);
        for (size_t k = 0; label_start && k < SF_ARRAY_LEN(LABEL); k++)
            if (at_nocase(v.p, v.n, i, LABEL[k])) return true;
        for (size_t k = 0; k < SF_ARRAY_LEN(AGENCY); k++)
            if ((word_start || v.p[i] == '/') && at_nocase(v.p, v.n, i, AGENCY[k])) return true;
    }
    static const char GETTY[] = "getty images";
    size_t e = v.n;
    while (e > 0 && strchr(".)] ", v.p[e - 1])) e--;
    return e >= sizeof GETTY - 1 && at_nocase(v.p, e, e - (sizeof GETTY - 1), GETTY);
}

/* Rule 3b: the first paragraph L[b..] is a photo caption when it is short
 * (at most 4 lines and 50 words: a caption wrapped) with a credit in it and
 * text after it. Returns where the text after it starts, 0 when it is no
 * caption. */
static size_t credit_paragraph(const linevec *L, size_t b) {
    size_t pe = b, words = 0;
    bool credit = false;
    for (; pe < L->n && L->items[pe].v.n; pe++) {
        words += count_words(L->items[pe].v);
        credit = credit || sf__photo_credit(L->items[pe].v);
    }
    if (!credit || pe - b > 4 || words > 50) return 0;
    while (pe < L->n && !L->items[pe].v.n) pe++;
    return pe < L->n ? pe : 0;
}

/* Words that open a sentence and, written with a capital after a word in
 * lower case, do not go on with it: "... testing device In the future,
 * robots ...". Followed by a word in lower case, so "said The Guardian"
 * goes on. */
static bool sentence_opener(sf_view w) {
    static const char *const W[] = {"In", "The", "A", "An", "As", "At", "On", "For", "But", "When",
                                    "After", "While", "With", "It", "This", "Since", "Until", "If"};
    for (size_t k = 0; k < SF_ARRAY_LEN(W); k++)
        if (strlen(W[k]) == w.n && memcmp(W[k], w.p, w.n) == 0) return true;
    return false;
}

/* Whether v has no letter in lower case ("BRITISH AIRWAYS IN TALKS"). */
static bool no_lower(sf_view v) {
    for (size_t i = 0; i < v.n; i++)
        if (islower((unsigned char)v.p[i])) return false;
    return true;
}

/* Capitalized words of four letters or more in v. */
static size_t long_caps(sf_view v) {
    size_t caps = 0;
    for (size_t i = 0; i < v.n; i++) {
        if (i > 0 && v.p[i - 1] != ' ') continue;
        size_t e = i;
        while (e < v.n && isalpha((unsigned char)v.p[e])) e++;
        caps += e - i >= 4 && isupper((unsigned char)v.p[i]);
    }
    return caps;
}

/* Whether capitalized word w is written in lower case somewhere in text
 * (its first five letters at a word start): a common noun capitalized
 * only where it opens a sentence ("Managers of the electric system" in a
 * text on "the manager of the grid"), not a name ("State Police"). */
static bool lower_elsewhere(sf_view text, sf_view w) {
    size_t n = 0;
    while (n < w.n && n < 5 && isalpha((unsigned char)w.p[n])) n++;
    if (n < 3) return false;
    for (size_t i = 0; i + n <= text.n; i++) {
        if ((i > 0 && isalpha((unsigned char)text.p[i - 1])) || text.p[i] != tolower((unsigned char)w.p[0])) continue;
        size_t k = 1;
        while (k < n && text.p[i + k] == w.p[k]) k++;
        if (k == n) return true;
    }
    return false;
}

/* A title in sentence case whose last name the lead names again ("Protesters
 * withdrew from the U.S. Embassy Protests outside the U.S. Embassy in
 * Baghdad began ..."): the head v[0..i) holds two words in lower case or
 * more and ends on two capitalized words; the word at v[j..we) is
 * capitalized; those two words come again, in the same bytes, within 120
 * bytes after it, and not as the same name going on (followed by the word
 * at j again: "... Dee Dee Myers exits ... Dee Dee Myers said"). */
static bool named_again(sf_view v, size_t i, size_t j, size_t we) {
    size_t e1 = i, b1 = e1;
    while (b1 > 0 && v.p[b1 - 1] != ' ') b1--;
    if (b1 == 0 || !isupper((unsigned char)v.p[b1]) || !isupper((unsigned char)v.p[j])) return false;
    size_t e2 = b1;
    while (e2 > 0 && v.p[e2 - 1] == ' ') e2--;
    size_t b2 = e2;
    while (b2 > 0 && v.p[b2 - 1] != ' ') b2--;
    if (b2 == e2 || !isupper((unsigned char)v.p[b2]) || !isalnum((unsigned char)v.p[e2 - 1])) return false;
    size_t lower = 0;
    for (size_t k = 0; k < b2; k++) {
        lower += (k == 0 || v.p[k - 1] == ' ') && islower((unsigned char)v.p[k]);
        /* a clause after a comma ("..., könnte das Abschalten der
         * Autotuning Funktion Abhilfe schaffen") is a sentence's, where a
         * language that capitalizes its nouns has pairs of capitalized
         * words everywhere */
        if (v.p[k] == ',' && k + 2 < b2 && v.p[k + 1] == ' ' && islower((unsigned char)v.p[k + 2])) return false;
    }
    if (lower < 2) return false;
    /* "U.S. Embassy": the pair as written; every time it comes again, not
     * followed by the word at j (its first three bytes: "Jr." and
     * "Jr.'s") */
    sf_view pair = sf__view(v.p + b2, e1 - b2);
    size_t wl = SF_MIN(we - j, (size_t)3);
    bool again = false;
    for (size_t k = we; k + pair.n <= v.n && k < we + 120; k++) {
        if (v.p[k - 1] != ' ' || memcmp(v.p + k, pair.p, pair.n) != 0) continue;
        size_t after = k + pair.n;
        if (after < v.n && isalnum((unsigned char)v.p[after])) continue;
        size_t q = after;
        while (q < v.n && v.p[q] == ' ') q++;
        if (q + wl <= v.n && memcmp(v.p + q, v.p + j, wl) == 0) return false;
        again = true;
    }
    return again;
}

/* Rule 2c: a headline with no full stop run into the text of a file of one
 * line ("Rolling Blackouts in California Have Power Experts Stumped Managers
 * of the electric system argue ...", "First clinical trial of an automated
 * blood drawing and testing device In the future, robots ..."). The
 * headline ends before a capitalized word that opens a sentence going on
 * in lower case: after a run in headline capitalization (the word after
 * the capital in lower case, the text after it not in headline
 * capitalization; a run in capitals before a word in mixed case, or of
 * five capitalized words or more before a word of four letters or more
 * written in lower case elsewhere in the text, as a name is not), or
 * after a word in lower case when the capital is a word that opens
 * sentences ("In", "The", ...). The headline holds 4 to 20
 * words, ends on no word that needs a next one, and the text after it
 * retells it (half its content words among the next 80 words), as a lead
 * retells its headline; a lead sentence that goes on is not retold by the
 * words after it. With repeat, the break is instead where a title in
 * sentence case ends on a name the lead names again (named_again), tried
 * only when no break of the kinds above is found. Returns the headline's
 * length (0 when there is none); *rest is where the text starts. */
static size_t run_in_unstopped(sf_view v, size_t *rest, bool repeat) {
    if (v.n < 200 || opens_with_dateline(v)) return 0;
    size_t words = 0;
    for (size_t i = 1; i < v.n && words < 20; i++) {
        if (v.p[i] != ' ' || v.p[i - 1] == ' ') continue;
        words++;
        size_t j = i;
        while (j < v.n && v.p[j] == ' ') j++;
        size_t we = j;
        while (we < v.n && v.p[we] != ' ') we++;
        size_t k = we;
        while (k < v.n && v.p[k] == ' ') k++;
        if (words < 4 || we >= v.n || k >= v.n || !isupper((unsigned char)v.p[j]) ||
            !islower((unsigned char)v.p[k]))
            continue;
        sf_view head = sf__view(v.p, i), w = sf__view(v.p + j, we - j);
        unsigned char last = (unsigned char)v.p[i - 1];
        if (!isalpha(last) || dangling_end(head)) continue;
        /* a paragraph break run into the line (two spaces) ends the
         * headline before it, never inside it */
        for (size_t q = 1; q < head.n; q++)
            if (head.p[q] == ' ' && head.p[q - 1] == ' ') return 0;
        size_t wl = 0, lb = i;
        while (wl < w.n && isalpha((unsigned char)w.p[wl])) wl++;
        while (lb > 0 && v.p[lb - 1] != ' ') lb--;
        sf_view after = sf__view(v.p + j, SF_MIN(v.n - j, (size_t)80));
        bool titled = wl >= 4 && !islower((unsigned char)v.p[lb]) && title_case(head) && !title_case(after) &&
                      (no_lower(head) ? !no_lower(w) : long_caps(head) >= 5 && lower_elsewhere(v, w));
        bool opener = islower((unsigned char)v.p[lb]) && sentence_opener(w);
        if (repeat ? !named_again(v, i, j, we) : !titled && !opener) continue;
        lead_word lead[LEAD_WORDS];
        size_t nlead = 0;
        lead_words(sf__view(v.p + j, v.n - j), lead, &nlead);
        if (!echoed_in(head, lead, nlead)) continue;
        *rest = j;
        return head.n;
    }
    return 0;
}

/* Rule 3: a long sentence set apart by a blank line before a paragraph
 * that opens with a dateline. */
static bool is_caption(const linevec *L, size_t t) {
    sf_view v = L->items[t].v;
    if (short_before_dateline(L, t)) return false; /* a title after all */
    if (t + 2 >= L->n || L->items[t + 1].v.n || !ends_sentence(v) || count_words(v) < CAPTION_WORDS)
        return false;
    size_t k = t + 1;
    while (k < L->n && !L->items[k].v.n) k++;
    if (k >= L->n) return false;
    return opens_with_dateline(L->items[k].v);
}

/* Rule 4: join the lines L[b..e) into out. */
static sf_status join_body(const linevec *L, size_t b, size_t e, sf_buf *out) {
    size_t width = 0;
    for (size_t k = b; k < e; k++) width = SF_MAX(width, L->items[k].v.n);
    bool gap = false;
    for (size_t k = b; k < e; k++) {
        sf_view v = L->items[k].v;
        if (!v.n) {
            gap = out->n > 0;
            continue;
        }
        if (out->n) {
            sf_view prev = L->items[k - 1].v;
            bool hyphen = !gap && prev.n >= 2 && prev.p[prev.n - 1] == '-' &&
                          isalpha((unsigned char)prev.p[prev.n - 2]) && islower((unsigned char)v.p[0]);
            bool own_para = gap || (ends_sentence(prev) && prev.n * 4 < width * 3);
            if (own_para) SF_TRY(sf__buf_add(out, "\n\n", 2));
            else if (!hyphen) SF_TRY(sf__buf_addc(out, ' '));
        }
        gap = false;
        SF_TRY(sf__buf_add(out, v.p, v.n));
    }
    return SF_OK;
}

/* "dir/APW1.txt" -> "APW1"; "<stdin>" and "-" -> "stdin". */
static sf_view id_of(const char *name) {
    if (strcmp(name, "-") == 0 || strcmp(name, "<stdin>") == 0) return SF_VIEW_LIT("stdin");
    /* "story.txt.gz" is the article "story", as "story.txt" is */
    sf_view v = sf__file_base(name, true);
    const char *base = v.p;
    size_t n = v.n, dot = n;
    while (dot > 0 && base[dot - 1] != '.') dot--;
    if (dot > 1) n = dot - 1;
    return sf__view(base, n);
}

static sf_status split_lines(const char *data, size_t n, linevec *L) {
    sf_cur c;
    sf__cur_init(&c, data, n);
    sf_view v;
    for (size_t at = c.line; sf__cur_line(&c, &v); at = c.line) {
        line l = {sf__view_trim(v), at};
        SF_TRY(SF_VEC_PUSH(L, l));
    }
    return SF_OK;
}

/* At the bottom, line k goes on with the sentence of the line above it
 * (text, not ending a sentence): "...will be formally launched" / "on
 * January 1, 1999." is one sentence, not a date line under the text. */
static bool continues(const linevec *L, size_t k) {
    if (k == 0 || !L->items[k - 1].v.n) return false;
    sf_rec scratch = {.published = SF_TIME_UNKNOWN};
    sf_view above = L->items[k - 1].v;
    return !ends_sentence(above) && !take_meta(above, &scratch, false); /* two metadata lines */
}

sf_status sf__read_text(sf_reader_ctx *ctx, const char *data, size_t n) {
    linevec L = {0};
    sf_buf body;
    sf__buf_init(&body, 0);
    sf_status st = split_lines(data, n, &L);
    sf_rec r = {0};
    r.id = id_of(ctx->name);
    r.published = SF_TIME_UNKNOWN;
    size_t b = 0, e = L.n;
    /* rule 1 at the bottom, then at the top (before and after a title) */
    while (e > b && (!L.items[e - 1].v.n || (!continues(&L, e - 1) && take_meta(L.items[e - 1].v, &r, false))))
        e--;
    while (b < e && (!L.items[b].v.n || take_meta(L.items[b].v, &r, false))) b++;
    if (st == SF_OK && b >= e) {
        SF_VEC_FREE(&L);
        return sf__reader_diag(ctx, SF_ERR_EMPTY, 0, 1, "no text");
    }
    linevec upto = {.items = L.items, .n = e, .cap = L.cap};
    size_t head = b;
    size_t rest = 0, run_in = 0;
    size_t caption_end = credit_paragraph(&upto, b);
    if (caption_end) b = caption_end; /* rule 3b */
    else if (is_title(&upto, b)) r.title = L.items[b++].v;
    else if (is_caption(&upto, b)) b++;
    else if ((run_in = run_in_title(L.items[b].v, &rest)) > 0 ||
             (run_in = run_in_unstopped(L.items[b].v, &rest, false)) > 0 ||
             (run_in = run_in_unstopped(L.items[b].v, &rest, true)) > 0) {
        r.title = sf__view(L.items[b].v.p, run_in);
        L.items[b].v = sf__view(L.items[b].v.p + rest, L.items[b].v.n - rest);
    }
    while (b < e && (!L.items[b].v.n || take_meta(L.items[b].v, &r, true))) b++;
    if (b >= e) { /* nothing but the first line: it is the text */
        r.title = sf__view("", 0);
        b = head;
    }
    if (st == SF_OK) st = join_body(&L, b, e, &body);
    if (st == SF_OK) {
        r.text = sf__view(body.p, body.n);
        st = sf__reader_add(ctx, &r, 0);
    }
    sf__buf_release(&body);
    SF_VEC_FREE(&L);
    return st;
}
