namespace Redeploy.Core.Deployments;

public enum DeliveryVerdict
{
    Accepted,
    Retry,
    Refused,
}
