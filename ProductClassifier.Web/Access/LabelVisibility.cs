using System.Security.Claims;
using ProductClassifier.Core.Access;

namespace ProductClassifier.Web.Access;

/// <summary>
/// Who may see per-product labels — labellers' decisions and reference labels, and a feed's category (a data set's
/// category path is its ground truth): admins, who resolve conflicts. Everyone else labels blind, so two labellers
/// of an overlap item cannot copy each other or the answer; they see what the labelling page shows, the active
/// model's predictions and the rules' labels.
/// </summary>
public static class LabelVisibility
{
    public static bool SeesLabels(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);
}
