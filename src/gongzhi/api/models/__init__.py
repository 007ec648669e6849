from gongzhi.api.models.keys import ApiKey
from gongzhi.api.models.media import MediaUpload
from gongzhi.api.models.webhooks import WebhookDelivery, WebhookSubscription

__all__ = ["ApiKey", "MediaUpload", "WebhookDelivery", "WebhookSubscription"]
