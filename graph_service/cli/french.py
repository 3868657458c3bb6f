"""The command line's own words in French: click's usage errors and typer's help panels.

click and typer write their messages through :func:`gettext.gettext` (``_("Missing argument")``)
and :func:`gettext.ngettext`, whatever the user's locale, and gettext would need a compiled
catalogue and a French locale to translate them. Each module of theirs binds ``_`` and
``ngettext`` as globals at import, so :func:`install` rebinds those names to a lookup in the
tables below (the message itself when it has no translation), and sets typer's panel titles,
computed once at import. The product's own help texts are French already.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

MESSAGES: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Arguments": "Arguments",
    "Commands": "Commandes",
    "Positional arguments": "Arguments positionnels",
    "Error": "Erreur",
    "Error: {message}": "Erreur : {message}",
    "Aborted!": "Abandon.",
    "Aborted.": "Abandon.",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide."
    ),
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing {param_type}": "Manquant : {param_type}",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such option: {name}": "Option inconnue : {name}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} illisible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} non modifiable.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} non exécutable.",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir {filename!r} : {message}",
    "file": "Fichier",
    "directory": "Dossier",
    "path": "Chemin",
    "[default: {}]": "[défaut : {}]",
    "default: {default}": "défaut : {default}",
    "[env var: {}]": "[variable : {}]",
    "env var: {var}": "variable : {var}",
    "[required]": "[obligatoire]",
    "required": "obligatoire",
    "(deprecated) ": "(obsolète) ",
    "deprecated": "obsolète",
    "Choose from:\n\t{choices}": "Au choix :\n\t{choices}",
    "Value must be an iterable.": "Une liste de valeurs est attendue.",
    "Do you want to continue?": "Continuer ?",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
    "unknown error": "erreur inconnue",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
}

PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Argument en trop : {args}",
        "Arguments en trop : {args}",
    ),
    "Did you mean {possibility}?": (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire : {possibilities} ?)",
    ),
    "Option {name!r} requires an argument.": (
        "L'option {name!r} attend une valeur.",
        "L'option {name!r} attend {nargs} valeurs.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} n'est pas {choice}.",
        "{value!r} ne fait pas partie de : {choices}.",
    ),
    "{value!r} does not match the format {format}.": (
        "{value!r} ne suit pas le format {format}.",
        "{value!r} ne suit aucun des formats {formats}.",
    ),
    "Takes {nargs} values but 1 was given.": (
        "{nargs} valeurs attendues, 1 donnée.",
        "{nargs} valeurs attendues, {len} données.",
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "{len_type} valeurs attendues, {len_value} donnée.",
        "{len_type} valeurs attendues, {len_value} données.",
    ),
}

# Messages typer's vendored click writes as literal text (typer 0.29 carries its own copy of
# click under ``typer._click``): translated from the finished message, pattern by pattern.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), replacement)
    for pattern, replacement in (
        (r"^Missing argument (.*)\.(.*)$", r"Argument manquant : \1.\2"),
        (r"^Missing option (.*)\.(.*)$", r"Option manquante : \1.\2"),
        (r"^Missing parameter(.*)$", r"Paramètre manquant\1"),
        (r"^No such option: (.*)$", r"Option inconnue : \1"),
        (r"^No such command (.*)\.$", r"Commande inconnue : \1."),
        (r"^Got unexpected extra argument\(s\) \((.*)\)$", r"Argument en trop : \1"),
        (r"^Invalid value for (.*?): (.*)$", r"Valeur invalide pour \1 : \2"),
        (r"^Invalid value: (.*)$", r"Valeur invalide : \1"),
        (r"Input should be a valid integer.*$", "un nombre entier est attendu"),
        (r"Input should be a valid number.*$", "un nombre est attendu"),
        (r"Input should be (.*)$", r"valeur attendue : \1"),
        (r" or ", " ou "),
        (r"Did you mean (.*)\?", r"Vouliez-vous dire \1 ?"),
    )
)

# The modules of click and typer that bind ``_`` or ``ngettext`` at import.
MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "typer.core",
    "typer.main",
    "typer.rich_utils",
    "typer._click.parser",
    "typer._click.formatting",
)

# typer computes these titles once at import: they are set directly.
TYPER_CONSTANTS = {
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "DEPRECATED_STRING": "(deprecated) ",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}

HELP_OPTION = "Afficher cette aide et quitter."
USAGE = "Utilisation : "


def gettext(message: str) -> str:
    """The French of one of click's or typer's messages; the message itself when unknown."""
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The French of a message with a singular and a plural (French: singular for 0 and 1)."""
    forms = PLURALS.get(singular)
    if forms is None:
        return singular if number == 1 else plural
    return forms[0] if abs(number) < 2 else forms[1]


def translate(message: str) -> str:
    """A finished English usage message in French (see :data:`PATTERNS`)."""
    for pattern, replacement in PATTERNS:
        message = pattern.sub(replacement, message)
    return message


def _french_messages(cls: Any) -> None:
    original = cls.format_message
    if getattr(original, "french", False):
        return

    def format_message(self: Any) -> str:
        return translate(original(self))

    format_message.french = True  # type: ignore[attr-defined]
    cls.format_message = format_message


def _vendored_click() -> None:
    """typer 0.29's own click: help option, « Usage: » and error messages."""
    try:
        core: Any = importlib.import_module("typer._click.core")
        exceptions: Any = importlib.import_module("typer._click.exceptions")
        formatting: Any = importlib.import_module("typer._click.formatting")
    except ImportError:  # pragma: no cover - a typer that uses click itself
        return
    for name in (
        "ClickException",
        "UsageError",
        "BadParameter",
        "MissingParameter",
        "NoSuchOption",
        "FileError",
    ):
        if hasattr(exceptions, name):
            _french_messages(getattr(exceptions, name))
    get_help_option = core.Command.get_help_option
    if not getattr(get_help_option, "french", False):

        def french_help_option(self: Any, ctx: Any) -> Any:
            option = get_help_option(self, ctx)
            if option is not None:
                option.help = HELP_OPTION
            return option

        french_help_option.french = True  # type: ignore[attr-defined]
        core.Command.get_help_option = french_help_option
    write_usage = formatting.HelpFormatter.write_usage
    if not getattr(write_usage, "french", False):

        def french_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            write_usage(self, prog, args, USAGE if prefix is None else prefix)

        french_usage.french = True  # type: ignore[attr-defined]
        formatting.HelpFormatter.write_usage = french_usage
    rich_utils: Any = importlib.import_module("typer.rich_utils")
    if hasattr(rich_utils, "highlighter"):
        rich_utils.highlighter.highlights = [
            h.replace("(?P<usage>Usage: )", "(?P<usage>Utilisation : )") if isinstance(h, str) else h
            for h in rich_utils.highlighter.highlights
        ]


def install() -> None:
    """Make click and typer speak French (idempotent)."""
    for name in MODULES:
        try:
            module: Any = importlib.import_module(name)
        except ImportError:  # pragma: no cover - click absent, or typer without rich
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    rich_utils: Any = importlib.import_module("typer.rich_utils")
    for constant, english in TYPER_CONSTANTS.items():
        setattr(rich_utils, constant, gettext(english))
    _vendored_click()


__all__ = ["MESSAGES", "PLURALS", "gettext", "install", "ngettext", "translate"]
