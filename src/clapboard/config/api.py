"""The REST API: one NinjaAPI assembled from each app's router, served under /api/."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Clapboard API",
    version="1",
    description="Production management for film and TV: companies, productions, teams, activity.",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
