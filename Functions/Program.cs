using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Redeploy.Core;
using Redeploy.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddRedeployCore();
builder.Services.AddRedeployFunctions();
builder.Build().Run();
