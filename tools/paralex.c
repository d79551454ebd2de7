/*
 * paralex: the command-line tool. Each subcommand is a thin layer over
 * libparalex; this file holds the command table and the dispatcher.
 *
 *   paralex [--version] [--help] <command> [<args>…]
 */
#include <locale.h>
#include <string.h>


#include "common.h"

static int cmd_help(int argc, char **argv);

static const struct cli_command commands[] = {
	{ "help", cmd_help, "show help for paralex or for one command",
		"usage: paralex help [<command>]\n\n"
		"Without a command, list the commands. With one, show its help\n"
		"(the same text as 'paralex <command> --help').\n" },
	{ "import", cmd_import, "turn a plain text (Russian or Chinese) into a document",
		"usage: paralex import [--lang ru|zh|auto] [--kind KIND] [--strict]\n"
		"                      [--date YYYY-MM-DD] [--number SLUG] [-o <out.xml>] <file.txt>\n"
		"       paralex import --protocol --base <base.xml> [-o <out.xml>] <protocol.txt>\n\n"
		"Read a plain text of an instrument (a programme, agreement, convention,\n"
		"charter, treaty, protocol, memorandum, statement, declaration or\n"
		"communique) in Russian or Chinese, clean, saved from Word or copied out of\n"
		"a PDF (see docs/layout.md and docs/import.md), and write it as a document\n"
		"of the paralex profile: title, preamble, sections, chapters, articles,\n"
		"points or paragraphs, lists, final clauses and signature blocks linked to\n"
		"the registry of states and signing bodies.\n"
		"What cannot be placed is kept where it stands and reported as a warning;\n"
		"only an unreadable text is refused. With --strict a text that is not a\n"
		"programme-shaped instrument (preamble, sections, signature blocks, date)\n"
		"is refused and nothing is written.\n"
		"Problems are printed as FILE:LINE: severity[PXnnn]: message.\n\n"
		"Options:\n"
		"  -l, --lang ru|zh|auto  language of the text (default auto: by its script)\n"
		"  -k, --kind KIND        document kind (default: told by the title, else by\n"
		"                         the shape of the text)\n"
		"  -s, --strict           refuse what does not have the expected shape\n"
		"  -P, --protocol         the text is an amending protocol in prose: read its\n"
		"                         formulas against --base into mod, quotedText,\n"
		"                         quotedStructure and activeModifications (docs/amend.md)\n"
		"  -b, --base <file.xml>  with --protocol: the document it amends, in the\n"
		"                         protocol's language\n"
		"  -o, --output <file>    where to write the document (default '-': stdout)\n"
		"      --force            replace an existing file paralex did not write\n"
		"                         (an input, a read-only file or a device never is;\n"
		"                         see docs/outputs.md)\n"
		"  -d, --date YYYY-MM-DD  signing date, when the final clauses state none\n"
		"  -n, --number SLUG      FRBRnumber of the work (default: the subject of\n"
		"                         the title as a termbase concept id, e.g. 'ai')\n"
		"  -h, --help             show this help\n\n"
		"'-' as <file.txt> reads standard input.\n"
		"Exit status: 0 imported, 1 imported with warnings or errors (the document\n"
		"is written), or refused with --strict (nothing written), 2 usage error or\n"
		"unreadable input.\n" },
	{ "render", cmd_render, "write a document as plain text in its official layout",
		"usage: paralex render [--format text] [-o <out.txt>] <file.xml>\n\n"
		"Write the document in the official plain-text layout of its language:\n"
		"Russian 'I. Цель' headings and '- ' list items, Chinese '一、目标' headings,\n"
		"paragraphs indented with two U+3000 and '——' items; one signature block\n"
		"per line. 'paralex import' reads this text back into the same document.\n\n"
		"Options:\n"
		"  -f, --format text      output format (only text)\n"
		"  -o, --output <file>    where to write (default '-': stdout)\n"
		"      --force            replace an existing file paralex did not write\n"
		"  -h, --help             show this help\n\n"
		"Only a document of the profile is rendered: one that does not validate is\n"
		"reported with its rule ids on standard error, and nothing is written.\n"
		"Exit status: 0 written, 1 the document does not validate, 2 usage error\n"
		"or unreadable input.\n" },
	{ "amend", cmd_amend, "apply amending instruments and consolidate the text",
		"usage: paralex amend <base.ru.xml> <base.zh.xml> <protocol.ru.xml> <protocol.zh.xml>\n"
		"                     [<protocol.ru.xml> <protocol.zh.xml>...] -o <dir> [--as-of <date>]\n\n"
		"Apply one or more amending instruments (pairs of rus and zho protocols) to a\n"
		"document given in both languages, in the order of the instruments' dates of\n"
		"entry into force, and write into <dir>:\n"
		"  NAME.ru.xml, NAME.zh.xml        the consolidated documents\n"
		"  NAME.ru.txt, NAME.zh.txt        their text in the official layout\n"
		"  redline.ru.html, redline.zh.html        the text with insertions and deletions\n"
		"  comparison.ru.html, comparison.zh.html  current | new wording, per changed unit\n"
		"  comparison.ru.txt, comparison.zh.txt    the same tables as text\n"
		"  eid-map.tsv                     old eId -> new eId, per step and in total\n"
		"  timeline.txt                    the versions\n"
		"(NAME is the name of the base file). Nothing is written unless every\n"
		"operation applies and the result validates and checks clean; the files\n"
		"appear at once (written next to <dir>, then renamed). See docs/amend.md.\n\n"
		"Options:\n"
		"  -o, --output <dir>   where to write (created if missing; replaced as a\n"
		"                       whole, in one step; see docs/outputs.md)\n"
		"      --force          replace a non-empty directory paralex did not write\n"
		"  --as-of <date>       the text in force on this date (YYYY-MM-DD): leave\n"
		"                       out instruments that enter into force later\n"
		"  --akn <xsd>          also validate against the official Akoma Ntoso 3.0\n"
		"                       schema at this path (akomantoso30.xsd)\n"
		"  --no-check           do not run the parity check on the result\n"
		"  --format text|json   format of the findings (default text)\n"
		"  -q, --quiet          print nothing on success\n"
		"  -h, --help           show this help\n\n"
		"On success the timeline and the paths are printed; findings go to standard\n"
		"error (JSON findings to standard output).\n"
		"Exit status: 0 written, 1 findings (nothing written), 2 usage error or\n"
		"unreadable input.\n" },
	{ "check", cmd_check, "compare the Russian and the Chinese text of a work",
		"usage: paralex check [--format text|json|html] [-o <file>] [--accept <file>]\n"
		"                     [--tbx <file>]... [--registry <file>] [--collation-order]\n"
		"                     [--no-terms] <russian> <chinese>\n\n"
		"Compare the two equally authentic texts of a work and report every\n"
		"difference: structure and order of units, signatories, dates, numbers,\n"
		"referenced instruments, places and organizations, terminology,\n"
		"untranslated text, omissions and additions, punctuation and typography.\n"
		"Each input is a document of the profile (XML) or a plain text, imported\n"
		"on the fly. Findings are printed as\n"
		"  FILE:LINE:COL: error[PXnnn]: message (counterpart: FILE:LINE:COL)\n"
		"pointing into the file that has the problem (rule ids in docs/rules.md,\n"
		"the checks in docs/check.md).\n\n"
		"Options:\n"
		"  --format text|json|html  output format (default text); html is a\n"
		"                       self-contained report of both texts side by side\n"
		"  -o, --output <file>  write the output to this file (atomically) and\n"
		"                       print its path\n"
		"  --force              replace an existing file paralex did not write\n"
		"  --accept <file>      suppression file: lines 'FINGERPRINT  reason';\n"
		"                       accepted findings are shown but do not fail the run\n"
		"  --tbx <file>         add a TBX termbase to the built-in one (repeatable)\n"
		"  --registry <file>    use this registry instead of the built-in one\n"
		"  --collation-order    require the Russian signatories in the alphabetical\n"
		"                       order of their states (ICU Russian collation)\n"
		"  --no-terms           skip the terminology check\n"
		"  -h, --help           show this help\n\n"
		"Exit status: 0 no error or warning, 1 findings, 2 usage error or\n"
		"unreadable input.\n" },
	{ "batch", cmd_batch, "validate and check a whole set of documents, on every core",
		"usage: paralex batch [--jobs N] [--format text|json|junit|sarif] [--shard K/N]\n"
		"                     [--fail-on error|warning] [-o <report>] [--force] [--akn <xsd>]\n"
		"                     [--tbx <file>]... [--registry <file>] [--collation-order]\n"
		"                     [--no-terms] [-q] <dir|manifest|file|->...\n\n"
		"Validate and check every entry of a document set. A directory is searched\n"
		"recursively and NAME.ru.{xml,txt} is paired with NAME.zh.{xml,txt} (also\n"
		"NAME.rus.* / NAME.zho.*); a manifest (XML, schemas/batch.xsd) lists pairs\n"
		"and single documents with options of their own; '-' reads a list of paths\n"
		"from standard input. Each pair is read, both texts validated and compared,\n"
		"as 'paralex check' does; a file without its counterpart (PX006), an\n"
		"unreadable or hostile file (PX001-PX005) is a finding of its entry, and\n"
		"the run goes on. Entries are reported in the order of their names,\n"
		"whatever the number of jobs (docs/batch.md).\n\n"
		"Options:\n"
		"  -j, --jobs N         worker threads (default: the number of cores)\n"
		"  --format F           text (default), json (JSON Lines: one entry a line,\n"
		"                       then a summary line), junit (JUnit XML: one test\n"
		"                       case an entry), sarif (SARIF 2.1.0)\n"
		"  --shard K/N          only the entries whose name hashes to K of N (1 <= K\n"
		"                       <= N): N machines share a set; see 'paralex merge'\n"
		"  --fail-on L          error: only errors fail an entry; warning (default)\n"
		"  -o, --output <file>  write the report to this file (atomically)\n"
		"  --force              replace an existing file paralex did not write\n"
		"  --akn <xsd>          also validate against the official Akoma Ntoso schema\n"
		"  --tbx <file>         add a TBX termbase to the built-in one (repeatable)\n"
		"  --registry <file>    use this registry instead of the built-in one\n"
		"  --collation-order    require the Russian signatories in alphabetical order\n"
		"  --no-terms           skip the terminology check\n"
		"  -q, --quiet          no progress line (shown on a terminal only)\n"
		"  -h, --help           show this help\n\n"
		"A summary ends the run (on standard error beside a machine format).\n"
		"Exit status: 0 every entry clean at the --fail-on level, 1 findings,\n"
		"2 some entry could not be read, or a usage error.\n" },
	{ "merge", cmd_merge, "merge the JSON reports of batch shards into one report",
		"usage: paralex merge [--format text|json|junit|sarif] [--fail-on error|warning]\n"
		"                     [-o <report>] [--force] <report.jsonl>...\n\n"
		"Read the JSON Lines reports of several 'paralex batch --format json' runs\n"
		"(the shards of a set, say) and write them as one report, in the order of\n"
		"the entries' names: the same report as one run over the whole set.\n\n"
		"Options:\n"
		"  --format F           text (default), json, junit or sarif\n"
		"  --fail-on L          error or warning (default), as for batch\n"
		"  -o, --output <file>  write the report to this file (atomically)\n"
		"  --force              replace an existing file paralex did not write\n"
		"  -h, --help           show this help\n\n"
		"Exit status: 0 every entry clean, 1 findings, 2 some entry could not be\n"
		"read, or a report cannot be read.\n" },
	{ "validate", cmd_validate, "check documents against the profile schema and rules",
		"usage: paralex validate [--format text|json] [--akn <akomantoso30.xsd>] [-q] <file>...\n\n"
		"Check each document: well-formed UTF-8 XML without DTD, the paralex profile\n"
		"schema (built in), and the rules no schema can say (eIds, section numbers,\n"
		"references, script of the text). Findings are printed as\n"
		"  FILE:LINE:COL: error[PXnnn]: message\n"
		"(rule ids in docs/rules.md).\n\n"
		"Options:\n"
		"  --format text|json   output format (default text)\n"
		"  --akn <xsd>          also validate against the official Akoma Ntoso 3.0\n"
		"                       schema at this path (akomantoso30.xsd)\n"
		"  -q, --quiet          print nothing for valid files (text format)\n"
		"  -h, --help           show this help\n\n"
		"Exit status: 0 all valid, 1 findings, 2 usage error or unreadable input.\n" },
};

const struct cli_command *cli_find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void general_usage(FILE *f)
{
	fprintf(f, "usage: paralex [--version] [--help] <command> [<args>...]\n\n"
		"Bilingual (Russian/Chinese) legal documents as Akoma Ntoso 3.0.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nSee 'paralex help <command>' for the options of one command.\n"
		"Exit status: 0 clean, 1 findings, 2 usage error or unreadable input.\n");
}

static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		general_usage(stdout);
		return EXIT_CLEAN;
	}
	if (cli_is_help(argv[1]))
		return cli_print_help(cli_find_command("help"));
	if (argc > 2)
		return cli_usage_error(cli_find_command("help"), "too many arguments");
	const struct cli_command *c = cli_find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "paralex help: unknown command '%s'\n", argv[1]);
		general_usage(stderr);
		return EXIT_USAGE;
	}
	return cli_print_help(c);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	px_library_init();
	int rc;
	if (argc < 2) {
		general_usage(stderr);
		rc = EXIT_USAGE;
	} else if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("paralex %s\n", px_version());
		rc = EXIT_CLEAN;
	} else if (cli_is_help(argv[1])) {
		general_usage(stdout);
		rc = EXIT_CLEAN;
	} else {
		const struct cli_command *c = cli_find_command(argv[1]);
		if (!c) {
			fprintf(stderr, "paralex: '%s' is not a paralex command\n", argv[1]);
			general_usage(stderr);
			rc = EXIT_USAGE;
		} else {
			rc = c->run(argc - 1, argv + 1);
		}
	}
	px_library_shutdown();
	return rc;
}
