"""Self-contained HTML pages: the review page of extractions and the eval report.

Each page is ONE file that opens from disk with no network: CSS and JS are inlined from the
templates shipped in this package (``templates/``), plots are inline SVG. The templates are
ours; every piece of data passed into them (article text, model output, ids) is escaped by
jinja2's autoescape. Article text is never rendered as a template.
"""

from extractor.html.eval_page import eval_html, write_eval_html
from extractor.html.review import ArticleView, anchor_id, attach_texts, review_html, write_review_html

__all__ = [
    "ArticleView",
    "anchor_id",
    "attach_texts",
    "eval_html",
    "review_html",
    "write_eval_html",
    "write_review_html",
]
