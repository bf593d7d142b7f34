-- AlterTable
ALTER TABLE "User" ADD COLUMN     "usernameKey" TEXT,
ADD COLUMN     "usernameShape" TEXT;

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "refreshJti" TEXT NOT NULL,
    "previousJti" TEXT,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "originJti" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");

-- CreateIndex
CREATE UNIQUE INDEX "User_usernameShape_key" ON "User"("usernameShape");

-- CreateIndex
CREATE UNIQUE INDEX "Session_originJti_key" ON "Session"("originJti");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
