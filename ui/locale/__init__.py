"""English translations, one module per page or component: ``EN = {"Tiếng Việt": "English"}``.

:mod:`ui.i18n` merges every module of this package; a new page adds its own module here.
"""
