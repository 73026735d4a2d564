"""The workspace's clustering: discovered customer groups with their profiles, persona cards and rules.

Reading needs the viewer role. Fitting needs the editor role: like a refresh it recomputes derived data
(it replaces the current clustering and, through the refresh that follows, the `cluster` family), and
it changes no imported data, segment or token. The fit runs in the request (seconds on a shop of
thousands, minutes at a million customers), as `segmint clusters fit` does, in a worker thread; the
refresh after it is awaited holding none (the route is async, api/state.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from segmint.api.auth import AuthFirst, editor, viewer
from segmint.api.errors import CONFLICT, ERROR_RESPONSES, ApiError, RequestBody, not_found
from segmint.api.routes.common import LocalTime, WorkspaceDep, plain
from segmint.models.clusters import current, fit_clusters
from segmint.models.clusters.fit import MAX_K

router = APIRouter(
    prefix="/clusters",
    tags=["clusters"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)



class Effect(BaseModel):
    feature: str
    label: str
    mean: float | None = Field(description="The feature's mean inside the cluster")
    rest_mean: float | None = Field(description="Its mean over every other customer")
    effect_size: float = Field(description="Cohen's d of the cluster against the rest")


class FiveW(BaseModel):
    who: str
    what: str
    why: str
    when: str
    where: str


class Persona(BaseModel):
    name: str
    favourite_category: str | None = None
    demographics: dict[str, Any]
    behaviour: dict[str, Any]
    preferred_channel: dict[str, Any]
    five_w: FiveW


class Cluster(BaseModel):
    cluster: int
    name: str
    size: int
    share: float
    profile: list[Effect] = Field(description="The features that set the cluster apart, largest |d| first")
    persona: Persona
    rule: str = Field(description="A rule (the segment rule language) that approximates the cluster")
    precision: float = Field(description="Share of the customers the rule selects that are in the cluster")
    recall: float = Field(description="Share of the cluster's customers the rule selects")
    rule_measured_on: int = Field(description="Customers the precision and recall were measured on")


class Clustering(BaseModel):
    run_id: str
    fitted_at: LocalTime
    as_of: dt.date = Field(description="The date the data was clustered as of")
    method: Literal["kmeans", "gmm"]
    k: int
    seed: int
    customers: int
    seconds: float = Field(description="How long the fit took")
    k_scores: dict[str, float] = Field(description="The score of every k tried")
    k_score: str = Field(description="What the scores are (silhouette for k-means, BIC for a mixture)")
    features: list[str] = Field(description="The model's columns (one per rule field or share)")
    clusters: list[Cluster]


class FitIn(RequestBody):
    method: Literal["kmeans", "gmm"] = Field(
        "kmeans", description="k-means (silhouette picks k) or gmm (BIC)"
    )
    k_min: int = Field(3, ge=2, le=MAX_K, description="Fewest clusters to consider")
    k_max: int = Field(8, ge=2, le=MAX_K, description="Most clusters to consider")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="The same data and seed give the same clusters")
    demographics: bool = Field(False, description="Also cluster on age (behaviour only by default)")
    as_of: dt.date | None = Field(None, description="Cluster the data as it stood on this date")
    refresh: bool = Field(True, description="Refresh the families afterwards (the `cluster` family)")


class Fitted(Clustering):
    refreshed: dt.date | None = Field(description="The date of the refresh that followed, if any")


def _current_or_404(ws):
    run = current(ws)
    if run is None:
        message = "this workspace has no clustering yet: fit one (POST /clusters/fit)"
        raise ApiError(404, message, {"code": "cluster.none_yet", "params": {}})  # the library's code
    return run


@router.get("", response_model=Clustering, summary="The current clustering with every cluster's persona")
def get_clustering(ws: WorkspaceDep) -> Clustering:
    return Clustering(**plain(_current_or_404(ws).to_dict()))


@router.get("/{cluster}", response_model=Cluster, summary="One cluster: profile, persona card and rule")
def get_cluster(cluster: int, ws: WorkspaceDep) -> Cluster:
    run = _current_or_404(ws)
    for found in run.clusters:
        if found["cluster"] == cluster:
            return Cluster(**plain(found))
    message = f"no cluster {cluster}; the current clustering has clusters 1..{run.k}"
    raise not_found(message, "cluster.unknown", cluster=cluster, k=run.k)


@router.post(
    "/fit",
    response_model=Fitted,
    status_code=201,
    dependencies=[editor],
    summary="Fit a clustering and store it as the current one",
    responses=CONFLICT,
)
async def fit(request: Request, ws: WorkspaceDep, body: FitIn | None = None) -> Fitted:
    # a fit replaces the clustering the running refresh reads, and refreshes after it
    request.app.state.refreshes.refuse_while_busy("fitting a clustering")
    body = body or FitIn()
    if body.k_min > body.k_max:
        params = {"k_min": body.k_min, "k_max": body.k_max}  # the library's code for it (models/clusters)
        raise ApiError(
            400,
            f"k_min ({body.k_min}) is above k_max ({body.k_max})",
            {"code": "cluster.k_range", "params": params},
        )
    run = await run_in_threadpool(
        fit_clusters,
        ws,
        method=body.method,
        k_min=body.k_min,
        k_max=body.k_max,
        seed=body.seed,
        demographics=body.demographics,
        as_of=body.as_of,
    )
    refreshed = None
    if body.refresh:  # in the server, off the request lock, as POST /refresh (api/refreshing.py)
        refreshes = request.app.state.refreshes
        done = refreshes.manual()
        async with request.app.state.workspace.released_awaiting():  # other requests go on meanwhile
            await refreshes.finished(done)
        if done.exception is not None:
            raise done.exception
        refreshed = done.result.as_of
    return Fitted(**plain(run.to_dict()), refreshed=refreshed)
