"""Administration through the API (admin role): kiosks and users."""
from apiflask import APIBlueprint

from ..edge import queue
from ..services import admin as admin_service
from .auth import ADMIN_ROLES, KIOSK_ROLES, auth
from .public import paginate
from .schemas import HeartbeatOut, HeartbeatRequest, KioskCreated, Page, KioskList, KioskRequest, UserList

bp = APIBlueprint("admin", __name__, url_prefix="/api/v1", tag="Administration")


@bp.get("/kiosks")
@bp.auth_required(auth, roles=ADMIN_ROLES)
@bp.input(Page, location="query", arg_name="query")
@bp.output(KioskList)
@bp.doc(summary="Kiosks with their last heartbeat and printer state", responses=[401, 403])
def kiosks(query):
    return paginate(admin_service.list_kiosks(queue(), auth.current_user.centre_id), query)


@bp.post("/kiosks")
@bp.auth_required(auth, roles=ADMIN_ROLES)
@bp.input(KioskRequest, arg_name="body")
@bp.output(KioskCreated, status_code=201)
@bp.doc(summary="Register a kiosk; its token is shown once", responses=[401, 403, 422])
def create_kiosk(body):
    kiosk, token = admin_service.create_kiosk(queue(), auth.current_user.centre_id, body["name"])
    return vars(kiosk) | {"token": token}


@bp.post("/kiosks/heartbeat")
@bp.auth_required(auth, roles=KIOSK_ROLES)
@bp.input(HeartbeatRequest, arg_name="body")
@bp.output(HeartbeatOut)
@bp.doc(summary="A kiosk reports that it is alive and its printer's state", responses=[401, 403, 422])
def heartbeat(body):
    now = admin_service.record_heartbeat(queue(), auth.current_user.id, body["printer_state"])
    return {"status": "ok", "server_time": now}


@bp.get("/users")
@bp.auth_required(auth, roles=ADMIN_ROLES)
@bp.input(Page, location="query", arg_name="query")
@bp.output(UserList)
@bp.doc(summary="Users of the centre", responses=[401, 403])
def users(query):
    return paginate(admin_service.list_users(queue(), auth.current_user.centre_id), query)
