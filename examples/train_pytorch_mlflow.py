"""Train a small PyTorch network and log every epoch to Benchtop with MLflow's own client.

    pip install mlflow torch scikit-learn
    export MLFLOW_TRACKING_URI=http://127.0.0.1:7788      # printed by `benchtop serve`
    export MLFLOW_TRACKING_TOKEN=...                      # printed by `benchtop serve` / `benchtop token`
    python examples/train_pytorch_mlflow.py

Open Benchtop while it runs: the run's curves update live.
"""

import mlflow
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X_train, X_val, y_train, y_val = train_test_split(X / 16.0, y, test_size=0.2, random_state=0)
X_train, X_val = torch.tensor(X_train, dtype=torch.float32), torch.tensor(X_val, dtype=torch.float32)
y_train, y_val = torch.tensor(y_train), torch.tensor(y_val)

params = {"hidden": 64, "lr": 0.001, "epochs": 30, "batch_size": 64}
mlflow.set_experiment("digits-torch")
with mlflow.start_run(run_name="mlp-64"):
    mlflow.log_params(params)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(64, params["hidden"]), torch.nn.ReLU(), torch.nn.Linear(params["hidden"], 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=params["lr"])
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(params["epochs"]):
        model.train()
        for batch in torch.randperm(len(X_train)).split(params["batch_size"]):
            optimizer.zero_grad()
            loss = loss_fn(model(X_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val_logits = model(X_val)
            mlflow.log_metrics({
                "train/loss": loss.item(),
                "val/loss": loss_fn(val_logits, y_val).item(),
                "val/accuracy": (val_logits.argmax(1) == y_val).float().mean().item(),
            }, step=epoch)
