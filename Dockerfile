# One image for the action server, Rasa, the bot and db-init (docker-compose.yml picks the
# command). The model is trained into the image: models/ of the build context is ignored
# (.dockerignore), so an image always carries the model of its own code and data.
FROM python:3.10-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3
WORKDIR /app
COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir "pip<24.1" && pip install --no-cache-dir -r requirements.txt -c constraints.txt
COPY . .
RUN python -m i18n.catalogs compile && rasa train --fixed-model-name aid-assistant --out models
# /state: the bot's state volume (a new named volume takes this directory's owner).
RUN useradd --create-home aid && mkdir -p /state && chown -R aid /app /state
USER aid
