"""The current clustering: one persona card per cluster (name, size, 5W, demographics, channel), the
rule that approximates it with its precision and recall, and what sets it apart from the rest."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from segmint.api.errors import ApiError
from segmint.api.routes.clusters import FitIn
from segmint.api.routes.clusters import fit as api_fit
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.errors import SegmintError
from segmint.models.clusters import current
from segmint.models.clusters.profile import NEGLIGIBLE
from segmint.web import personas
from segmint.web.i18n import choose_language, translator
from segmint.web.render import page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])


@router.get("/clusters")
def clusters_page(request: Request, ws: WorkspaceDep) -> Response:
    run = current(ws)
    document = plain(run.to_dict()) if run else None
    lang = choose_language(request)[0]
    if document and lang in personas.LANGUAGES:  # the library words the cards in English
        for cluster in document["clusters"]:
            cluster["shown_name"] = personas.persona_name(cluster.get("name"), lang)
            if cluster.get("persona") and cluster["persona"].get("demographics"):
                cluster["persona"]["five_w"] = personas.five_w(cluster, ws.settings.currency, lang)
            for row in cluster.get("profile") or []:
                row["label"] = personas.feature_label(row["feature"], row["label"], lang)
    for cluster in document["clusters"] if document else []:
        for row in cluster.get("profile") or []:  # days whole, ages to one decimal, shares in percent
            row["mean_text"] = personas.feature_value(row["feature"], row["mean"], lang)
            row["rest_text"] = personas.feature_value(row["feature"], row["rest_mean"], lang)
    # a cluster's profile lists what sets it apart, no negligible difference; none left is said so
    context = {"run": document, "fit_error": None, "negligible": NEGLIGIBLE}
    return page(request, "clusters.html", context)


@router.post("/clusters/fit")
async def fit_now(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """Fit a clustering with the API's defaults (POST /clusters/fit). The page had pointed to
    `segmint clusters fit`, which cannot open the workspace while `segmint serve` holds it. Async, as the
    API's route, so that waiting for the refresh after the fit holds no worker thread."""
    require_role(request.state.user, "editor")
    try:
        await api_fit(request, ws, FitIn())
    except SegmintError as exc:
        context = {"run": None, "fit_error": exc}  # the page words it from its code (tr)
        return await run_in_threadpool(page, request, "clusters.html", context, 400)
    except ApiError as exc:  # a refresh is running (api/refreshing.py)
        t = translator(choose_language(request)[0])
        message = t("refresh_running_refused", refresh_id=exc.details["refresh_id"])
        context = {"run": None, "fit_error": message}
        return await run_in_threadpool(page, request, "clusters.html", context, exc.status)
    return RedirectResponse("/ui/clusters", status_code=303)
