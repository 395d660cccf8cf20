"""Train a scikit-learn model and log it to Benchtop with MLflow's own client.

    pip install mlflow scikit-learn
    export MLFLOW_TRACKING_URI=http://127.0.0.1:7788      # printed by `benchtop serve`
    export MLFLOW_TRACKING_TOKEN=...                      # printed by `benchtop serve` / `benchtop token`
    python examples/train_sklearn_mlflow.py

Nothing here is Benchtop-specific: the same script logs to any MLflow tracking server.
"""

import mlflow
from sklearn.datasets import load_wine
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

X, y = load_wine(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

mlflow.set_experiment("wine")
for n_estimators in (50, 100, 200):
    for seed in (0, 1, 2):
        with mlflow.start_run(run_name=f"forest-{n_estimators}-s{seed}"):
            params = {"n_estimators": n_estimators, "max_depth": 6, "seed": seed}
            mlflow.log_params(params)
            model = RandomForestClassifier(n_estimators=n_estimators, max_depth=6, random_state=seed)
            model.fit(X_train, y_train)
            predicted = model.predict(X_test)
            mlflow.log_metrics({
                "test/accuracy": accuracy_score(y_test, predicted),
                "test/f1_macro": f1_score(y_test, predicted, average="macro"),
            })
            mlflow.set_tag("model", "random-forest")
