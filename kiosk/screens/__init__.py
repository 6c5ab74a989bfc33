"""One screen, one pair: <name>.py for what a tap does, <name>.kv for how it looks."""
from .collect import CollectScreen
from .detail import DetailScreen
from .dossier_status import DossierStatusScreen
from .fields import FieldsScreen
from .home import HomeScreen
from .lookup import LookupScreen
from .priority import PriorityScreen
from .procedures import ProceduresScreen
from .service import ServiceScreen
from .ticket import TicketScreen

SCREEN_CLASSES = (HomeScreen, FieldsScreen, ProceduresScreen, PriorityScreen, TicketScreen, LookupScreen,
                  DetailScreen, ServiceScreen, CollectScreen, DossierStatusScreen)
